<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
  <context>
    <name>Details</name>
    <message>
      <source>Details of the selected node</source>
      <translation>選択中のノードの詳細</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>項目</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>値</translation>
    </message>
    <message>
      <source>Select a node of the route to see its details.</source>
      <translation>経路のノードを選択すると詳細を表示します。</translation>
    </message>
    <message>
      <source>node</source>
      <translation>ノード</translation>
    </message>
    <message>
      <source>{label} ({status})</source>
      <translation>{label}（{status}）</translation>
    </message>
    <message>
      <source>preference</source>
      <translation>優先度</translation>
    </message>
    <message>
      <source>role</source>
      <translation>役割</translation>
    </message>
    <message>
      <source>marked down</source>
      <translation>停止扱い</translation>
    </message>
    <message>
      <source>mail goes here now</source>
      <translation>現在の配送先</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>はい</translation>
    </message>
    <message>
      <source>no</source>
      <translation>いいえ</translation>
    </message>
    <message>
      <source>{count} entries</source>
      <translation>{count} 件</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>mailpath: unexpected error</source>
      <translation>mailpath: 予期しないエラー</translation>
    </message>
    <message>
      <source>Copy details</source>
      <translation>詳細をコピー</translation>
    </message>
    <message>
      <source>The window is still usable. Details were written to {path}.</source>
      <translation>ウィンドウは引き続き使えます。詳細は {path} に記録しました。</translation>
    </message>
  </context>
  <context>
    <name>Export</name>
    <message>
      <source>Mail route: {sender} → {recipient} — {date}</source>
      <translation>メール経路: {sender} → {recipient} — {date}</translation>
    </message>
  </context>
  <context>
    <name>FindingTemplates</name>
    <message>
      <source>The MX records of {domain} could not be looked up ({outcome}). A sending server would keep the mail queued and retry.</source>
      <translation>{domain} の MX レコードを引けませんでした（{outcome}）。送信側サーバーはメールをキューに残して再送を試みます。</translation>
    </message>
    <message>
      <source>Check the recipient's name servers, or try again with another resolver.</source>
      <translation>宛先ドメインのネームサーバーを確認するか、別のリゾルバーでもう一度試してください。</translation>
    </message>
    <message>
      <source>{domain} publishes a null MX ("0 .", RFC 7505): it accepts no mail. Mail to it is refused at once.</source>
      <translation>{domain} は null MX（"0 ."、RFC 7505）を公開しており、メールを一切受け付けません。このドメイン宛てのメールは即座に拒否されます。</translation>
    </message>
    <message>
      <source>{domain} has no MX record and no address: there is no route for its mail.</source>
      <translation>{domain} には MX レコードもアドレス（A/AAAA）もありません。このドメイン宛てのメールには配送経路がありません。</translation>
    </message>
    <message>
      <source>The owner of {domain} must publish an MX record, e.g. "{domain}. MX 10 mail.{domain}."</source>
      <translation>{domain} の管理者が MX レコードを公開する必要があります。例: "{domain}. MX 10 mail.{domain}."</translation>
    </message>
    <message>
      <source>{domain} has no MX record; senders deliver to the address of {domain} itself (implicit MX, RFC 5321 5.1).</source>
      <translation>{domain} には MX レコードがないため、送信側は {domain} 自体のアドレスへ配送します（暗黙の MX、RFC 5321 5.1）。</translation>
    </message>
    <message>
      <source>Publish an explicit MX record for {domain} so the route does not depend on the web server's address.</source>
      <translation>配送経路が Web サーバーのアドレスに左右されないよう、{domain} に明示的な MX レコードを公開してください。</translation>
    </message>
    <message>
      <source>The MX record of {domain} names an IP address ({host}) instead of a host name; many senders refuse it.</source>
      <translation>{domain} の MX レコードにホスト名ではなく IP アドレス（{host}）が書かれています。多くの送信側サーバーはこれを受け付けません。</translation>
    </message>
    <message>
      <source>Replace it with a host name that has an A/AAAA record for {host}.</source>
      <translation>{host} を指す A/AAAA レコードを持つホスト名に置き換えてください。</translation>
    </message>
    <message>
      <source>MX host {host} of {domain} is an alias (CNAME to {target}); RFC 2181 10.3 forbids it and some senders refuse it.</source>
      <translation>{domain} の MX ホスト {host} は別名（{target} への CNAME）です。RFC 2181 10.3 で禁止されており、受け付けない送信側サーバーもあります。</translation>
    </message>
    <message>
      <source>Point the MX record at {target} directly.</source>
      <translation>MX レコードで {target} を直接指定してください。</translation>
    </message>
    <message>
      <source>MX host {host} (preference {preference}) of {domain} cannot be reached: it has no A or AAAA record. Senders skip to the next preference.</source>
      <translation>{domain} の MX ホスト {host}（優先度 {preference}）には A/AAAA レコードがなく、到達できません。送信側は次の優先度のホストへ進みます。</translation>
    </message>
    <message>
      <source>Give {host} an A or AAAA record, or remove it from the MX records.</source>
      <translation>{host} に A または AAAA レコードを設定するか、MX レコードから外してください。</translation>
    </message>
    <message>
      <source>MX host {host} (preference {preference}) of {domain} cannot be reached: its address lookup failed ({outcome}). Senders skip to the next preference.</source>
      <translation>{domain} の MX ホスト {host}（優先度 {preference}）はアドレスの名前解決に失敗したため（{outcome}）、到達できません。送信側は次の優先度のホストへ進みます。</translation>
    </message>
    <message>
      <source>No sending host was given and {sender} has no MX host to assume, so no SPF result could be computed for a real server.</source>
      <translation>送信ホストが指定されておらず、{sender} には送信ホストと見なせる MX ホストもないため、実際のサーバーに対する SPF の結果を出せませんでした。</translation>
    </message>
    <message>
      <source>Name the server that really sends the mail (--via, or the Sending host field).</source>
      <translation>実際にメールを送信するサーバーを指定してください（--via、または「送信ホスト」欄）。</translation>
    </message>
    <message>
      <source>No sending host was given: {sender}'s own MX hosts ({hosts}) are assumed to send its mail.</source>
      <translation>送信ホストが指定されていないため、{sender} 自身の MX ホスト（{hosts}）が送信するものと仮定しています。</translation>
    </message>
    <message>
      <source>Name the server that really sends (e.g. your provider's SMTP server) for an exact verdict.</source>
      <translation>正確な判定のため、実際に送信するサーバー（契約しているプロバイダーの SMTP サーバーなど）を指定してください。</translation>
    </message>
    <message>
      <source>The sending host {host} does not exist (NXDOMAIN).</source>
      <translation>送信ホスト {host} は存在しません（NXDOMAIN）。</translation>
    </message>
    <message>
      <source>Check the host name of the sending server.</source>
      <translation>送信サーバーのホスト名を確認してください。</translation>
    </message>
    <message>
      <source>The sending host {host} has no A or AAAA record.</source>
      <translation>送信ホスト {host} には A レコードも AAAA レコードもありません。</translation>
    </message>
    <message>
      <source>The address lookup of the sending host {host} failed ({outcome}).</source>
      <translation>送信ホスト {host} のアドレスの名前解決に失敗しました（{outcome}）。</translation>
    </message>
    <message>
      <source>Check the host name of the sending server, or try again with another resolver.</source>
      <translation>送信サーバーのホスト名を確認するか、別のリゾルバーでもう一度試してください。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: {sender} publishes no SPF record that authorizes {host} ({addresses}).</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} には {host}（{addresses}）を許可する SPF レコードが公開されていません。</translation>
    </message>
    <message>
      <source>Publish at {sender} this TXT record: "{record}"</source>
      <translation>{sender} に次の TXT レコードを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>The SPF record of {sender} is broken (permerror) when {recipient} checks {host} ({address}): {reason}. Receivers treat the mail as unauthenticated and DMARC fails.</source>
      <translation>{recipient} が {host}（{address}）を検査すると、{sender} の SPF レコードはエラー（permerror）になります: {reason}。受信側はメールを未認証として扱い、DMARC も失敗します。</translation>
    </message>
    <message>
      <source>Correct the term named above; the SPF trace shows where evaluation ended.</source>
      <translation>上記の項目を修正してください。評価がどこで止まったかは「SPF トレース」で確認できます。</translation>
    </message>
    <message>
      <source>The SPF check of {host} ({address}) for {sender} hit a DNS error (temperror): {reason}. Receivers may defer the mail.</source>
      <translation>{sender} について {host}（{address}）の SPF を検査した際に DNS エラー（temperror）が発生しました: {reason}。受信側はメールの受け取りを保留することがあります。</translation>
    </message>
    <message>
      <source>Check the name servers of the domains the SPF record names, then try again.</source>
      <translation>SPF レコードが参照しているドメインのネームサーバーを確認してから、もう一度試してください。</translation>
    </message>
    <message>
      <source>{host} passes SPF for {sender} over IPv4 ({passing}) but not over IPv6 ({failing}: {result}). Mail that leaves over IPv6 is flagged or refused by {recipient}.</source>
      <translation>{host} は {sender} の SPF に IPv4（{passing}）では合格しますが、IPv6（{failing}: {result}）では合格しません。IPv6 で送信されたメールは {recipient} で不審扱いされるか、拒否されます。</translation>
    </message>
    <message>
      <source>{host} passes SPF for {sender} over IPv6 ({passing}) but not over IPv4 ({failing}: {result}). Mail that leaves over IPv4 is flagged or refused by {recipient}.</source>
      <translation>{host} は {sender} の SPF に IPv6（{passing}）では合格しますが、IPv4（{failing}: {result}）では合格しません。IPv4 で送信されたメールは {recipient} で不審扱いされるか、拒否されます。</translation>
    </message>
    <message>
      <source>{recipient} will reject or quarantine this mail: the SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}.</source>
      <translation>{recipient} はこのメールを拒否または隔離します。{sender} の SPF レコードは {host}（{addresses}）を許可しておらず、結果は {result} です。</translation>
    </message>
    <message>
      <source>{recipient} will flag this mail as suspicious: the SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}.</source>
      <translation>{recipient} はこのメールを不審なメールとして扱います。{sender} の SPF レコードは {host}（{addresses}）を許可しておらず、結果は {result} です。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: the SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} の SPF レコードは {host}（{addresses}）を許可しておらず、結果は {result} です。</translation>
    </message>
    <message>
      <source>{address} ({host}) has no reverse DNS (PTR) record; Gmail and other large receivers refuse or flag mail from addresses without one.</source>
      <translation>{address}（{host}）には逆引き（PTR）レコードがありません。Gmail などの大手の受信側は、PTR のないアドレスからのメールを拒否するか不審扱いします。</translation>
    </message>
    <message>
      <source>Ask whoever runs {address} (your provider) to set its PTR to {host}.</source>
      <translation>{address} の管理者（契約しているプロバイダー）に、PTR を {host} に設定するよう依頼してください。</translation>
    </message>
    <message>
      <source>The reverse DNS of {address} names {ptr}, but that name does not resolve back to {address} (forward-confirmed reverse DNS fails).</source>
      <translation>{address} の逆引きは {ptr} を返しますが、その名前を正引きしても {address} に戻りません（正引き・逆引きの一致確認 FCrDNS に失敗）。</translation>
    </message>
    <message>
      <source>Make {ptr_first} resolve to {address}, or change the PTR to a name that does.</source>
      <translation>{ptr_first} の正引きが {address} を返すようにするか、PTR を正引きが一致する名前に変更してください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} needs {lookups} DNS lookups for an address it does not list; receivers stop at 10 with permerror. The limit is crossed at {branch}.</source>
      <translation>{sender} の SPF レコードは、記載のないアドレスの評価に {lookups} 回の DNS 参照を必要とします。受信側は 10 回で打ち切り、permerror とします。上限を超えるのは {branch} の箇所です。</translation>
    </message>
    <message>
      <source>Replace includes you no longer need, or flatten them into ip4:/ip6: terms.</source>
      <translation>不要になった include を削除するか、ip4: / ip6: の記述に展開（フラット化）してください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} has an error: {error}.</source>
      <translation>{sender} の SPF レコードに誤りがあります: {error}。</translation>
    </message>
    <message>
      <source>Correct the record; receivers return permerror for it.</source>
      <translation>レコードを修正してください。このままでは受信側の評価は permerror になります。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} makes {count} lookups that find nothing; receivers give permerror after 2.</source>
      <translation>{sender} の SPF レコードには、何も見つからない参照（void lookup）が {count} 回あります。受信側は 2 回を超えると permerror とします。</translation>
    </message>
    <message>
      <source>Remove terms that name domains without records.</source>
      <translation>レコードの存在しないドメインを指している項目を削除してください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} ends in {term}: it authorizes every server on the Internet to send as it.</source>
      <translation>{sender} の SPF レコードは {term} で終わっています。インターネット上のすべてのサーバーに、このドメインとしての送信を許可していることになります。</translation>
    </message>
    <message>
      <source>End the record with ~all or -all.</source>
      <translation>レコードの末尾を ~all または -all にしてください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} ends in ?all: unlisted servers get neutral, which protects nothing.</source>
      <translation>{sender} の SPF レコードは ?all で終わっています。記載のないサーバーは neutral となり、なりすましを防げません。</translation>
    </message>
    <message>
      <source>End the record with ~all or -all once every sender is listed.</source>
      <translation>すべての送信元を記載したうえで、レコードの末尾を ~all または -all にしてください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} uses {term}; RFC 7208 says not to (slow, unreliable), and some receivers ignore it.</source>
      <translation>{sender} の SPF レコードは {term} を使っています。RFC 7208 は使用しないよう求めており（遅く、信頼性が低い）、無視する受信側もあります。</translation>
    </message>
    <message>
      <source>Replace it with a:, ip4: or ip6: terms for the servers it meant.</source>
      <translation>意図していたサーバーを a: / ip4: / ip6: の記述に置き換えてください。</translation>
    </message>
    <message>
      <source>The DMARC lookup for _dmarc.{domain} failed ({outcome}).</source>
      <translation>_dmarc.{domain} の DMARC レコードの参照に失敗しました（{outcome}）。</translation>
    </message>
    <message>
      <source>Check the name servers of {domain}, then try again.</source>
      <translation>{domain} のネームサーバーを確認してから、もう一度試してください。</translation>
    </message>
    <message>
      <source>_dmarc.{domain} publishes {count} DMARC records; receivers ignore them all.</source>
      <translation>_dmarc.{domain} に DMARC レコードが {count} 件公開されています。受信側はそのすべてを無視します。</translation>
    </message>
    <message>
      <source>Keep exactly one TXT record starting with v=DMARC1 at _dmarc.{domain}.</source>
      <translation>_dmarc.{domain} の v=DMARC1 で始まる TXT レコードを 1 件だけにしてください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} is invalid: {reason}.</source>
      <translation>_dmarc.{domain} の DMARC レコードが正しくありません: {reason}。</translation>
    </message>
    <message>
      <source>Publish a record of the form "v=DMARC1; p=none; rua=mailto:..." at _dmarc.{domain}.</source>
      <translation>_dmarc.{domain} に "v=DMARC1; p=none; rua=mailto:..." の形式のレコードを公開してください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has no valid p= policy (none, quarantine or reject); receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードに有効な p= ポリシー（none、quarantine、reject）がないため、受信側はこのレコードを無視します。</translation>
    </message>
    <message>
      <source>Add p=none (or quarantine, reject) right after v=DMARC1.</source>
      <translation>v=DMARC1 の直後に p=none（または quarantine、reject）を追加してください。</translation>
    </message>
    <message>
      <source>{sender} publishes no DMARC record (looked at {where}). Gmail and Yahoo require one from bulk senders.</source>
      <translation>{sender} は DMARC レコードを公開していません（確認先: {where}）。Gmail と Yahoo は大量送信者に DMARC を必須としています。</translation>
    </message>
    <message>
      <source>Publish at _dmarc.{sender} this TXT record: "{record}"</source>
      <translation>_dmarc.{sender} に次の TXT レコードを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>The DMARC policy for {sender} is p=none: receivers only report, mail that fails is still delivered.</source>
      <translation>{sender} の DMARC ポリシーは p=none です。受信側はレポートを送るだけで、認証に失敗したメールもそのまま配送されます。</translation>
    </message>
    <message>
      <source>Move to p=quarantine once reports show all your senders pass.</source>
      <translation>レポートですべての送信元が合格していることを確認できたら、p=quarantine に移行してください。</translation>
    </message>
  </context>
  <context>
    <name>Findings</name>
    <message>
      <source>checked with that record: {results}</source>
      <translation>このレコードで確認済み: {results}</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>指摘事項</translation>
    </message>
    <message>
      <source>&amp;Copy fix</source>
      <translation>修正案をコピー(&amp;C)</translation>
    </message>
    <message>
      <source>Copy the fix of the selected finding</source>
      <translation>選択中の指摘の修正案をコピー</translation>
    </message>
    <message>
      <source>error</source>
      <translation>エラー</translation>
    </message>
    <message>
      <source>warning</source>
      <translation>警告</translation>
    </message>
    <message>
      <source>info</source>
      <translation>情報</translation>
    </message>
    <message>
      <source>Fix:</source>
      <translation>対処:</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>重要度</translation>
    </message>
    <message>
      <source>Finding and fix</source>
      <translation>指摘と対処</translation>
    </message>
    <message>
      <source>Click a finding to show its place in the route.</source>
      <translation>指摘をクリックすると、経路上の該当箇所を表示します。</translation>
    </message>
    <message>
      <source>No findings yet.</source>
      <translation>指摘はまだありません。</translation>
    </message>
    <message>
      <source>Fix: {fix}</source>
      <translation>修正案: {fix}</translation>
    </message>
    <message>
      <source>Copies: {text}</source>
      <translation>コピーする内容: {text}</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation type="vanished">指摘</translation>
    </message>
  </context>
  <context>
    <name>Graph</name>
    <message>
      <source>Mark as up again</source>
      <translation>復旧したことにする</translation>
    </message>
    <message>
      <source>Mark as down (what-if)</source>
      <translation>停止中にする（仮定）</translation>
    </message>
    <message>
      <source>status: {status}</source>
      <translation>状態: {status}</translation>
    </message>
  </context>
  <context>
    <name>InputError</name>
    <message>
      <source>sender</source>
      <translation>送信者</translation>
    </message>
    <message>
      <source>recipient</source>
      <translation>宛先</translation>
    </message>
    <message>
      <source>sending host address</source>
      <translation>送信ホストのアドレス</translation>
    </message>
    <message>
      <source>sending host</source>
      <translation>送信ホスト</translation>
    </message>
    <message>
      <source>domain</source>
      <translation>ドメイン</translation>
    </message>
    <message>
      <source>IP address</source>
      <translation>IP アドレス</translation>
    </message>
    <message>
      <source>The {what} is empty.</source>
      <translation>{what}が入力されていません。</translation>
    </message>
    <message>
      <source>The {what} {value} is an IP address; a domain name is needed here.</source>
      <translation>{what} {value} は IP アドレスです。ここにはドメイン名を入力してください。</translation>
    </message>
    <message>
      <source>The {what} {value} contains a space.</source>
      <translation>{what} {value} に空白が含まれています。</translation>
    </message>
    <message>
      <source>The {what} {value} has an empty label (two dots in a row?).</source>
      <translation>{what} {value} に空のラベルがあります（ドットが連続していませんか？）。</translation>
    </message>
    <message>
      <source>The {what} {value} is not a valid internationalized name: {reason}.</source>
      <translation>{what} {value} は国際化ドメイン名として正しくありません: {reason}。</translation>
    </message>
    <message>
      <source>The {what} {value} is not a valid name: {reason}.</source>
      <translation>{what} {value} は名前として正しくありません: {reason}。</translation>
    </message>
    <message>
      <source>The {what} is {count} characters long; the limit is 253.</source>
      <translation>{what}が {count} 文字あります。上限は 253 文字です。</translation>
    </message>
    <message>
      <source>The {what} has a label of {count} characters ({label}); the limit is 63.</source>
      <translation>{what}に {count} 文字のラベル（{label}）があります。ラベルの上限は 63 文字です。</translation>
    </message>
    <message>
      <source>The {what} {value} has an invalid label {label}: use letters, digits and hyphens, not at the start or end.</source>
      <translation>{what} {value} のラベル {label} は使えません。英字・数字・ハイフンのみを使い、ハイフンを先頭や末尾に置かないでください。</translation>
    </message>
    <message>
      <source>The {what} {value} needs at least two labels, like example.com.</source>
      <translation>{what} {value} には example.com のように 2 つ以上のラベルが必要です。</translation>
    </message>
    <message>
      <source>The {what} {value} ends in a numeric label.</source>
      <translation>{what} {value} の最後のラベルが数字だけになっています。</translation>
    </message>
    <message>
      <source>The {what} {value} has no domain after '@'.</source>
      <translation>{what} {value} の「@」の後にドメインがありません。</translation>
    </message>
    <message>
      <source>The {what} {value} has a space in its local part.</source>
      <translation>{what} {value} のローカル部（@ の前）に空白が含まれています。</translation>
    </message>
    <message>
      <source>The local part of the {what} is over 64 octets.</source>
      <translation>{what}のローカル部（@ の前）が 64 オクテットを超えています。</translation>
    </message>
    <message>
      <source>{value} is not a valid IPv4 or IPv6 {what}.</source>
      <translation>{value} は{what}として正しい IPv4 / IPv6 アドレスではありません。</translation>
    </message>
    <message>
      <source>The name server is empty.</source>
      <translation>ネームサーバーが入力されていません。</translation>
    </message>
    <message>
      <source>Name server {value}: the closing ']' is missing.</source>
      <translation>ネームサーバー {value}: 閉じ括弧「]」がありません。</translation>
    </message>
    <message>
      <source>Name server {value}: expected ':PORT' after ']'.</source>
      <translation>ネームサーバー {value}: 「]」の後には「:ポート番号」を書いてください。</translation>
    </message>
    <message>
      <source>Name server {value} is not an IP address (use IP, IP:PORT or [IPv6]:PORT).</source>
      <translation>ネームサーバー {value} は IP アドレスではありません（IP、IP:ポート、[IPv6]:ポート の形式で入力してください）。</translation>
    </message>
    <message>
      <source>Name server {value}: the port must be a number from 1 to 65535.</source>
      <translation>ネームサーバー {value}: ポート番号は 1〜65535 の数字で指定してください。</translation>
    </message>
  </context>
  <context>
    <name>Legend</name>
    <message>
      <source>Legend</source>
      <translation>凡例</translation>
    </message>
    <message>
      <source>route mail takes</source>
      <translation>メールが通る経路</translation>
    </message>
    <message>
      <source>fallback, not used now</source>
      <translation>予備（現在は使われない）</translation>
    </message>
    <message>
      <source>DNS lookup it depends on</source>
      <translation>依存する DNS 問い合わせ</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>System resolver</source>
      <translation>システムのリゾルバー</translation>
    </message>
    <message>
      <source>mailpath — mail route explorer</source>
      <translation>mailpath — メール経路エクスプローラー</translation>
    </message>
    <message>
      <source>Sender address or domain</source>
      <translation>送信者のアドレスまたはドメイン</translation>
    </message>
    <message>
      <source>Recipient address or domain</source>
      <translation>受信者のアドレスまたはドメイン</translation>
    </message>
    <message>
      <source>Sending server host name or address (optional)</source>
      <translation>送信サーバーのホスト名またはアドレス（省略可）</translation>
    </message>
    <message>
      <source>DNS resolver: system, or a server IP[:PORT]</source>
      <translation>DNS リゾルバー: システム、またはサーバーの IP[:ポート]</translation>
    </message>
    <message>
      <source>&amp;Analyze</source>
      <translation>解析(&amp;A)</translation>
    </message>
    <message>
      <source>Analy&amp;ze</source>
      <translation>解析する(&amp;Z)</translation>
    </message>
    <message>
      <source>Analyze the mail route</source>
      <translation>メール経路を解析</translation>
    </message>
    <message>
      <source>Analyze (Enter, F5)</source>
      <translation>解析 (Enter, F5)</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Analysis</source>
      <translation>解析(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>表示(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>言語(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
      <source>Type a sender and a recipient and press Enter.
Help → Open Seed Example shows a complete route without network.</source>
      <translation>送信者と受信者を入力して Enter を押してください。
ヘルプ → サンプルを開く で、ネットワークなしで経路の例を表示できます。</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>中止</translation>
    </message>
    <message>
      <source>Cancel the analysis (Esc)</source>
      <translation>解析を中止 (Esc)</translation>
    </message>
    <message>
      <source>Lookups done</source>
      <translation>完了した問い合わせ</translation>
    </message>
    <message>
      <source>%v of %m lookups</source>
      <translation>問い合わせ %v / %m</translation>
    </message>
    <message>
      <source>Delivery route graph</source>
      <translation>配送経路のグラフ</translation>
    </message>
    <message>
      <source>Arrow keys select nodes; D marks the selected MX host down; Ctrl+0 fits.</source>
      <translation>矢印キーでノードを選択、D で選択中の MX を停止扱い、Ctrl+0 で全体表示。</translation>
    </message>
    <message>
      <source>Verdict</source>
      <translation>判定</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>詳細</translation>
    </message>
    <message>
      <source>SPF trace</source>
      <translation>SPF トレース</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>指摘事項</translation>
    </message>
    <message>
      <source>&amp;Panels</source>
      <translation>パネル(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Open Analysis…</source>
      <translation>解析結果を開く(&amp;O)…</translation>
    </message>
    <message>
      <source>&amp;Save Analysis…</source>
      <translation>解析結果を保存(&amp;S)…</translation>
    </message>
    <message>
      <source>Export &amp;PNG…</source>
      <translation>PNG に書き出し(&amp;P)…</translation>
    </message>
    <message>
      <source>Export S&amp;VG…</source>
      <translation>SVG に書き出し(&amp;V)…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>終了(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Cancel (Esc)</source>
      <translation>中止(&amp;C) (Esc)</translation>
    </message>
    <message>
      <source>Mark Selected MX &amp;Down / Up</source>
      <translation>選択中の MX を停止 / 復旧(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Restore All MX Hosts</source>
      <translation>すべての MX を復旧(&amp;R)</translation>
    </message>
    <message>
      <source>Zoom &amp;In</source>
      <translation>拡大(&amp;I)</translation>
    </message>
    <message>
      <source>Zoom &amp;Out</source>
      <translation>縮小(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Fit to Window</source>
      <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
      <source>Show &amp;Legend</source>
      <translation>凡例を表示(&amp;L)</translation>
    </message>
    <message>
      <source>Go to I&amp;nputs</source>
      <translation>入力欄へ移動(&amp;N)</translation>
    </message>
    <message>
      <source>Go to &amp;Graph</source>
      <translation>グラフへ移動(&amp;G)</translation>
    </message>
    <message>
      <source>Open &amp;Seed Example</source>
      <translation>サンプルを開く(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;About mailpath</source>
      <translation>mailpath について(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;System Default</source>
      <translation>システムの設定に従う(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;System</source>
      <translation>システム(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Light</source>
      <translation>ライト(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Dark</source>
      <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
      <source>Ready.</source>
      <translation>準備完了。</translation>
    </message>
    <message>
      <source>Cancelled: the route shows what was resolved so far.</source>
      <translation>中止しました。経路には中止までに解決した内容を表示しています。</translation>
    </message>
    <message>
      <source>Export PNG</source>
      <translation>PNG に書き出し</translation>
    </message>
    <message>
      <source>PNG images (*.png)</source>
      <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
      <source>Export SVG</source>
      <translation>SVG に書き出し</translation>
    </message>
    <message>
      <source>SVG images (*.svg)</source>
      <translation>SVG 画像 (*.svg)</translation>
    </message>
    <message>
      <source>Save Analysis</source>
      <translation>解析結果を保存</translation>
    </message>
    <message>
      <source>mailpath analyses (*.mailpath.json *.json)</source>
      <translation>mailpath 解析結果 (*.mailpath.json *.json)</translation>
    </message>
    <message>
      <source>Open Analysis</source>
      <translation>解析結果を開く</translation>
    </message>
    <message>
      <source>mailpath analyses (*.mailpath.json *.json);;All files (*)</source>
      <translation>mailpath 解析結果 (*.mailpath.json *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
      <source>About mailpath</source>
      <translation>mailpath について</translation>
    </message>
    <message>
      <source>&amp;Sender</source>
      <translation>送信者(&amp;S)</translation>
    </message>
    <message>
      <source>you@example.com or example.com</source>
      <translation>you@example.com または example.com</translation>
    </message>
    <message>
      <source>&amp;Recipient</source>
      <translation>受信者(&amp;R)</translation>
    </message>
    <message>
      <source>gmail.com</source>
      <translation>gmail.com</translation>
    </message>
    <message>
      <source>Sending hos&amp;t (optional)</source>
      <translation>送信ホスト(&amp;T)（省略可）</translation>
    </message>
    <message>
      <source>smtp.example.com or an IP address</source>
      <translation>smtp.example.com または IP アドレス</translation>
    </message>
    <message>
      <source>Res&amp;olver</source>
      <translation>リゾルバー(&amp;O)</translation>
    </message>
    <message>
      <source>system, or 192.0.2.53:53</source>
      <translation>システム、または 192.0.2.53:53</translation>
    </message>
    <message>
      <source>Done: {queries} DNS questions in {seconds:.2f} s.</source>
      <translation>完了: DNS 問い合わせ {queries} 件、{seconds:.2f} 秒。</translation>
    </message>
    <message>
      <source>Check the marked fields.</source>
      <translation>赤枠の入力欄を確認してください。</translation>
    </message>
    <message>
      <source>What-if: every MX host is down; mail would wait in the sending server's queue.</source>
      <translation>仮定: すべての MX が停止中のため、メールは送信サーバーのキューで待機します。</translation>
    </message>
    <message>
      <source>Nothing to export</source>
      <translation>書き出すものがありません</translation>
    </message>
    <message>
      <source>Analyze a route first.</source>
      <translation>先に経路を解析してください。</translation>
    </message>
    <message>
      <source>Nothing to save</source>
      <translation>保存するものがありません</translation>
    </message>
    <message>
      <source>Save needs a finished analysis.</source>
      <translation>保存できるのは完了した解析だけです。</translation>
    </message>
    <message>
      <source>replay: {name}</source>
      <translation>再生: {name}</translation>
    </message>
    <message>
      <source>Seed example missing</source>
      <translation>サンプルがありません</translation>
    </message>
    <message>
      <source>Analyzing {sender} → {recipient}…</source>
      <translation>{sender} → {recipient} を解析中…</translation>
    </message>
    <message>
      <source>Analyzing: {done} lookups done, {pending} pending…</source>
      <translation>解析中: 問い合わせ {done} 件完了、{pending} 件待ち…</translation>
    </message>
    <message>
      <source>The analysis failed: {message}</source>
      <translation>解析に失敗しました: {message}</translation>
    </message>
    <message>
      <source>Copied to the clipboard: {text}</source>
      <translation>クリップボードにコピーしました: {text}</translation>
    </message>
    <message>
      <source>Cannot write the file</source>
      <translation>ファイルを書き込めません</translation>
    </message>
    <message>
      <source>Wrote {path}.</source>
      <translation>{path} に書き出しました。</translation>
    </message>
    <message>
      <source>Cannot open the analysis</source>
      <translation>解析結果を開けません</translation>
    </message>
    <message>
      <source>mailpath {version}
Mail route explorer: SPF, MX, reverse DNS and DMARC drawn as the delivery route.</source>
      <translation>mailpath {version}
メール経路エクスプローラー: SPF、MX、逆引き DNS、DMARC を配送経路として描きます。</translation>
    </message>
    <message>
      <source>What-if: mail now goes to {hosts}.</source>
      <translation>仮定: メールは {hosts} へ配送されます。</translation>
    </message>
    <message>
      <source>{path} is not installed.</source>
      <translation>{path} がインストールされていません。</translation>
    </message>
    <message>
      <source>{path}: {error}</source>
      <translation>{path}: {error}</translation>
    </message>
    <message>
      <source>Cannot write {path}: {reason}</source>
      <translation>{path} に書き込めません: {reason}</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist.</source>
      <translation>フォルダー {folder} が存在しません。</translation>
    </message>
    <message>
      <source>The folder {folder} is not writable.</source>
      <translation>フォルダー {folder} に書き込む権限がありません。</translation>
    </message>
    <message>
      <source>It is a folder.</source>
      <translation>フォルダーです。</translation>
    </message>
    <message>
      <source>The file could not be written (is the disk full?).</source>
      <translation>ファイルを書き込めませんでした（ディスクの空き容量を確認してください）。</translation>
    </message>
    <message>
      <source>Replace the file?</source>
      <translation>ファイルを置き換えますか?</translation>
    </message>
    <message>
      <source>{path} already exists. Replace it?</source>
      <translation>{path} は既に存在します。置き換えますか?</translation>
    </message>
    <message>
      <source>Cannot open {path}: {reason}</source>
      <translation>{path} を開けません: {reason}</translation>
    </message>
    <message>
      <source>Its content is nested too deeply to be a saved analysis.</source>
      <translation>入れ子が深すぎるため、保存された解析結果ではありません。</translation>
    </message>
    <message>
      <source>It is not UTF-8 text.</source>
      <translation>UTF-8 のテキストではありません。</translation>
    </message>
    <message>
      <source>It is too large.</source>
      <translation>大きすぎます。</translation>
    </message>
    <message>
      <source>It is not a valid saved analysis ({error}).</source>
      <translation>正しい解析結果のファイルではありません（{error}）。</translation>
    </message>
    <message>
      <source>Recording {name}, made {when}: replayed without network.</source>
      <translation>記録 {name}（{when} 作成）: ネットワークを使わずに再生しました。</translation>
    </message>
    <message>
      <source>Recording {name}: replayed without network.</source>
      <translation>記録 {name}: ネットワークを使わずに再生しました。</translation>
    </message>
    <message>
      <source>Showing the previous analysis ({sender} → {recipient}); the inputs above were not analyzed.</source>
      <translation>前回の解析結果（{sender} → {recipient}）を表示しています。上の入力内容はまだ解析されていません。</translation>
    </message>
    <message>
      <source>Check the marked fields. The route shown is the previous analysis.</source>
      <translation>赤枠の入力欄を確認してください。表示中の経路は前回の解析結果です。</translation>
    </message>
  </context>
  <context>
    <name>Route</name>
    <message>
      <source>primary</source>
      <translation>第一候補</translation>
    </message>
    <message>
      <source>fallback</source>
      <translation>予備</translation>
    </message>
    <message>
      <source>DOWN (what-if)</source>
      <translation>停止中（仮定）</translation>
    </message>
    <message>
      <source>mail goes here</source>
      <translation>配送先</translation>
    </message>
  </context>
  <context>
    <name>RouteText</name>
    <message>
      <source>Sender's PC</source>
      <translation>送信者のPC</translation>
    </message>
    <message>
      <source>Sending server</source>
      <translation>送信サーバー</translation>
    </message>
    <message>
      <source>Submission server</source>
      <translation>サブミッションサーバー</translation>
    </message>
    <message>
      <source>Assumed sender</source>
      <translation>送信サーバー（推定）</translation>
    </message>
    <message>
      <source>Mailbox</source>
      <translation>受信メールボックス</translation>
    </message>
    <message>
      <source>implicit MX</source>
      <translation>暗黙の MX</translation>
    </message>
    <message>
      <source>MX of {1}</source>
      <translation>{1} の MX</translation>
    </message>
    <message>
      <source>resolving…</source>
      <translation>解決中…</translation>
    </message>
    <message>
      <source>null MX: accepts no mail</source>
      <translation>null MX: メールを受け付けない</translation>
    </message>
    <message>
      <source>no MX, no address</source>
      <translation>MX もアドレスもなし</translation>
    </message>
    <message>
      <source>lookup failed</source>
      <translation>問い合わせ失敗</translation>
    </message>
    <message>
      <source>SPF {1} · FCrDNS ok</source>
      <translation>SPF {1} · FCrDNS 一致</translation>
    </message>
    <message>
      <source>SPF {1} · FCrDNS fails</source>
      <translation>SPF {1} · FCrDNS 不一致</translation>
    </message>
    <message>
      <source>DNS: MX of {1}</source>
      <translation>DNS: {1} の MX</translation>
    </message>
    <message>
      <source>DNS: SPF of {1}</source>
      <translation>DNS: {1} の SPF</translation>
    </message>
    <message>
      <source>DNS: DMARC of {1}</source>
      <translation>DNS: {1} の DMARC</translation>
    </message>
    <message>
      <source>submission :587 (SMTP AUTH)</source>
      <translation>投稿 :587 (SMTP 認証)</translation>
    </message>
    <message>
      <source>submission</source>
      <translation>投稿</translation>
    </message>
    <message>
      <source>SMTP :25 · pref {1}</source>
      <translation>SMTP :25 · 優先度 {1}</translation>
    </message>
    <message>
      <source>delivery</source>
      <translation>配送</translation>
    </message>
    <message>
      <source>MX lookup</source>
      <translation>MX 問い合わせ</translation>
    </message>
    <message>
      <source>SPF check</source>
      <translation>SPF 検査</translation>
    </message>
    <message>
      <source>DMARC check</source>
      <translation>DMARC 検査</translation>
    </message>
    <message>
      <source>sender</source>
      <translation>送信者</translation>
    </message>
    <message>
      <source>recipient</source>
      <translation>受信者</translation>
    </message>
    <message>
      <source>role</source>
      <translation>役割</translation>
    </message>
    <message>
      <source>host</source>
      <translation>ホスト</translation>
    </message>
    <message>
      <source>addresses</source>
      <translation>アドレス一覧</translation>
    </message>
    <message>
      <source>address</source>
      <translation>アドレス</translation>
    </message>
    <message>
      <source>family</source>
      <translation>アドレス種別</translation>
    </message>
    <message>
      <source>{1} lookup</source>
      <translation>{1} 問い合わせ</translation>
    </message>
    <message>
      <source>SPF for {1}</source>
      <translation>{1} の SPF 判定</translation>
    </message>
    <message>
      <source>SPF record</source>
      <translation>SPF レコード</translation>
    </message>
    <message>
      <source>SPF lookups</source>
      <translation>SPF の DNS 参照数</translation>
    </message>
    <message>
      <source>SPF error</source>
      <translation>SPF エラー</translation>
    </message>
    <message>
      <source>preference</source>
      <translation>優先度</translation>
    </message>
    <message>
      <source>verdict</source>
      <translation>判定</translation>
    </message>
    <message>
      <source>question</source>
      <translation>問い合わせ</translation>
    </message>
    <message>
      <source>answer</source>
      <translation>応答</translation>
    </message>
    <message>
      <source>timing</source>
      <translation>所要時間</translation>
    </message>
    <message>
      <source>record</source>
      <translation>レコード</translation>
    </message>
    <message>
      <source>lookups</source>
      <translation>DNS 参照数</translation>
    </message>
    <message>
      <source>void lookups</source>
      <translation>空の参照数</translation>
    </message>
    <message>
      <source>error</source>
      <translation>エラー</translation>
    </message>
    <message>
      <source>found at</source>
      <translation>見つかった場所</translation>
    </message>
    <message>
      <source>policy</source>
      <translation>ポリシー</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>はい</translation>
    </message>
    <message>
      <source>no</source>
      <translation>いいえ</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>不明</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（なし）</translation>
    </message>
    <message>
      <source>mail client (MUA)</source>
      <translation>メールクライアント (MUA)</translation>
    </message>
    <message>
      <source>submission server</source>
      <translation>投稿サーバー</translation>
    </message>
    <message>
      <source>assumed outbound server (sender's MX)</source>
      <translation>推定した送信サーバー（送信者ドメインの MX）</translation>
    </message>
    <message>
      <source>implicit (no MX record)</source>
      <translation>暗黙（MX レコードなし）</translation>
    </message>
    <message>
      <source>{1}/10 for an unlisted address</source>
      <translation>未登録アドレスで {1}/10</translation>
    </message>
    <message>
      <source>{1}/10, void {2}/2</source>
      <translation>{1}/10、空の参照 {2}/2</translation>
    </message>
    <message>
      <source>{1} accepts the mail as SPF-verified</source>
      <translation>{1} は SPF 認証済みとして受け付ける</translation>
    </message>
    <message>
      <source>{1} refuses or quarantines the mail</source>
      <translation>{1} は拒否または隔離する</translation>
    </message>
    <message>
      <source>{1} accepts the mail but flags it as suspicious</source>
      <translation>{1} は受け付けるが不審として扱う</translation>
    </message>
    <message>
      <source>{1} accepts the mail as unverified</source>
      <translation>{1} は未認証として受け付ける</translation>
    </message>
    <message>
      <source>{1} accepts the mail as unverified (no SPF)</source>
      <translation>{1} は未認証として受け付ける（SPF なし）</translation>
    </message>
    <message>
      <source>a DNS or record error decides the outcome</source>
      <translation>DNS またはレコードのエラーで結果が決まる</translation>
    </message>
    <message>
      <source>still resolving</source>
      <translation>解決中</translation>
    </message>
  </context>
  <context>
    <name>SpfPanel</name>
    <message>
      <source>Result: {result} · DNS lookups {lookups}/10 · void lookups {void}/2</source>
      <translation>結果: {result} · DNS 参照 {lookups}/10 · 空の参照 {void}/2</translation>
    </message>
    <message>
      <source>&amp;Evaluated for:</source>
      <translation>評価対象(&amp;E):</translation>
    </message>
    <message>
      <source>Sending address the SPF trace is for</source>
      <translation>SPF トレースの対象となる送信アドレス</translation>
    </message>
    <message>
      <source>SPF trace</source>
      <translation>SPF トレース</translation>
    </message>
    <message>
      <source>(no SPF record)</source>
      <translation>（SPF レコードなし）</translation>
    </message>
    <message>
      <source>DNS query</source>
      <translation>DNS 問い合わせ</translation>
    </message>
    <message>
      <source>Term</source>
      <translation>項目</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Lookups</source>
      <translation>参照</translation>
    </message>
    <message>
      <source>Void</source>
      <translation>空</translation>
    </message>
    <message>
      <source>DNS and notes</source>
      <translation>DNS と備考</translation>
    </message>
    <message>
      <source>No SPF evaluation yet.</source>
      <translation>SPF の評価はまだありません。</translation>
    </message>
    <message>
      <source>error</source>
      <translation>エラー</translation>
    </message>
    <message>
      <source>not reached</source>
      <translation>未評価</translation>
    </message>
    <message>
      <source>match</source>
      <translation>一致</translation>
    </message>
    <message>
      <source>{state} — decided the result</source>
      <translation>{state} — これで結果が決定</translation>
    </message>
    <message>
      <source>Error: {error}</source>
      <translation>エラー: {error}</translation>
    </message>
    <message>
      <source>Over the limit at: {path}</source>
      <translation>上限を超えた箇所: {path}</translation>
    </message>
    <message>
      <source>no match</source>
      <translation>不一致</translation>
    </message>
    <message>
      <source>any other address (audit of {domain})</source>
      <translation>その他のアドレス（{domain} の監査）</translation>
    </message>
    <message>
      <source>{address} (from {host})</source>
      <translation>{address}（{host}）</translation>
    </message>
  </context>
  <context>
    <name>Status</name>
    <message>
      <source>pass</source>
      <translation>合格 (pass)</translation>
    </message>
    <message>
      <source>fail</source>
      <translation>不合格 (fail)</translation>
    </message>
    <message>
      <source>softfail</source>
      <translation>ソフトフェイル (softfail)</translation>
    </message>
    <message>
      <source>neutral</source>
      <translation>中立 (neutral)</translation>
    </message>
    <message>
      <source>none</source>
      <translation>なし (none)</translation>
    </message>
    <message>
      <source>error</source>
      <translation>エラー (error)</translation>
    </message>
    <message>
      <source>unknown / pending</source>
      <translation>不明 / 解決中</translation>
    </message>
  </context>
</TS>
