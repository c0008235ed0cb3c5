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
      <source>status</source>
      <translation>状態</translation>
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
    <message>
      <source>1 entry</source>
      <translation>1 件</translation>
    </message>
    <message>
      <source>primary</source>
      <translation>第一候補</translation>
    </message>
    <message>
      <source>fallback</source>
      <translation>予備</translation>
    </message>
  </context>
  <context>
    <name>Disposition</name>
    <message>
      <source>delivered</source>
      <translation>配信</translation>
    </message>
    <message>
      <source>unverified</source>
      <translation>未認証のまま配信</translation>
    </message>
    <message>
      <source>flagged</source>
      <translation>迷惑メール扱い</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>拒否</translation>
    </message>
    <message>
      <source>queued</source>
      <translation>キューで保留</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>不明</translation>
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
      <translation>受信者のドメインのネームサーバーを確認するか、別のリゾルバーでもう一度試してください。</translation>
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
      <source>Every MX host of {recipient} that has an address is marked down ({hosts}): no server takes the mail, so it waits in the sending server's queue and is retried, then bounced after the retry period (often 5 days).</source>
      <translation>{recipient} の MX ホストのうちアドレスを持つものは、すべて停止中とされています（{hosts}）。メールを受け取るサーバーがないため、メールは送信サーバーのキューで待機して再送され、再送期間（多くは 5 日）が過ぎると返送されます。</translation>
    </message>
    <message>
      <source>The sending addresses ({addresses}) are {family} only, and no MX host of {recipient} has an address of that family: no server can take the mail.</source>
      <translation>送信アドレス（{addresses}）は {family} のみで、{recipient} の MX ホストにはその種類のアドレスを持つものがありません。メールを受け取れるサーバーがありません。</translation>
    </message>
    <message>
      <source>Give the sending server an address of the other family (IPv4 or IPv6), or send through a server that has one.</source>
      <translation>送信サーバーにもう一方の種類（IPv4 または IPv6）のアドレスを割り当てるか、そのアドレスを持つサーバーを経由して送信してください。</translation>
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
      <source>{sender} publishes no SPF record that authorizes {host} ({addresses}).</source>
      <translation>{sender} には {host}（{addresses}）を許可する SPF レコードが公開されていません。</translation>
    </message>
    <message>
      <source>Publish at {sender} this TXT record: "{record}"</source>
      <translation>{sender} に次の TXT レコードを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>The SPF record of {sender} is broken (permerror) when {recipient} checks {host} ({address}): {reason}; receivers treat SPF as failed.</source>
      <translation>{recipient} が {host}（{address}）を検査すると、{sender} の SPF レコードはエラー（permerror）になります: {reason}。受信側は SPF を失敗として扱います。</translation>
    </message>
    <message>
      <source>Correct the term named above; the SPF trace shows where evaluation ended.</source>
      <translation>上記の項目を修正してください。評価がどこで止まったかは「SPF トレース」で確認できます。</translation>
    </message>
    <message>
      <source>The SPF check of {host} ({address}) for {sender} hit a DNS error (temperror): {reason}.</source>
      <translation>{sender} について {host}（{address}）の SPF を検査した際に DNS エラー（temperror）が発生しました: {reason}。</translation>
    </message>
    <message>
      <source>Check the name servers of the domains the SPF record names, then try again.</source>
      <translation>SPF レコードが参照しているドメインのネームサーバーを確認してから、もう一度試してください。</translation>
    </message>
    <message>
      <source>{host} passes SPF for {sender} over IPv4 ({passing}) but not over IPv6 ({failing}: {result}).</source>
      <translation>{host} は {sender} の SPF に IPv4（{passing}）では合格しますが、IPv6（{failing}: {result}）では合格しません。</translation>
    </message>
    <message>
      <source>{host} passes SPF for {sender} over IPv6 ({passing}) but not over IPv4 ({failing}: {result}).</source>
      <translation>{host} は {sender} の SPF に IPv6（{passing}）では合格しますが、IPv4（{failing}: {result}）では合格しません。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} does not authorize {host} ({addresses}); the result is {result}.</source>
      <translation>{sender} の SPF レコードは {host}（{addresses}）を許可しておらず、結果は {result} です。</translation>
    </message>
    <message>
      <source>Do not add {host} to the SPF record of {sender}: it relays mail for another organization (a forwarder or a mailing list), and SPF always fails after forwarding. Sign your mail with DKIM d={sender} so it stays authenticated when forwarded (the forwarder can also add ARC).</source>
      <translation>{host} を {sender} の SPF レコードに追加しないでください。このサーバーは別の組織のためにメールを中継するサーバー（転送サービスやメーリングリスト）で、転送されたメールの SPF は必ず失敗します。転送されても認証が保たれるよう、メールに DKIM d={sender} で署名してください（転送側で ARC を付けることもできます）。</translation>
    </message>
    <message>
      <source>{address} ({host}) has no reverse DNS (PTR) record; Gmail and other large receivers require one.</source>
      <translation>{address}（{host}）には逆引き（PTR）レコードがありません。Gmail などの大手の受信側は PTR レコードを必須としています。</translation>
    </message>
    <message>
      <source>Ask whoever runs {address} (your provider) to set its PTR to {host}.</source>
      <translation>{address} の管理者（契約しているプロバイダー）に、PTR を {host} に設定するよう依頼してください。</translation>
    </message>
    <message>
      <source>{address} has no reverse DNS (PTR) record; Gmail and other large receivers require one.</source>
      <translation>{address} には逆引き（PTR）レコードがありません。Gmail などの大手の受信側は PTR レコードを必須としています。</translation>
    </message>
    <message>
      <source>Ask whoever runs {address} (your provider) to set its PTR to the server's host name: a name whose A or AAAA record is {address}.</source>
      <translation>{address} の管理者（契約しているプロバイダー）に、PTR をそのサーバーのホスト名（A または AAAA レコードが {address} を指す名前）に設定するよう依頼してください。</translation>
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
      <source>The DMARC policy for {sender} is p=none: it asks receivers only to report mail that fails DMARC, not to act on it.</source>
      <translation>{sender} の DMARC ポリシーは p=none です。受信側に求めているのは DMARC に失敗したメールの報告だけで、そのメールへの対処は求めていません。</translation>
    </message>
    <message>
      <source>Move to p=quarantine once reports show all your senders pass.</source>
      <translation>レポートですべての送信元が合格していることを確認できたら、p=quarantine に移行してください。</translation>
    </message>
    <message>
      <source>The recipient's domain {domain} does not exist (NXDOMAIN): mail to it bounces at once. Is it a typo?</source>
      <translation>受信者のドメイン {domain} は存在しません（NXDOMAIN）。このドメイン宛のメールはすぐに返送されます。入力ミスではありませんか？</translation>
    </message>
    <message>
      <source>Check the spelling of the recipient's domain.</source>
      <translation>受信者のドメインの綴りを確認してください。</translation>
    </message>
    <message>
      <source>The sender's domain {domain} does not exist (NXDOMAIN): receivers refuse mail from it. Is it a typo?</source>
      <translation>送信者のドメイン {domain} は存在しません（NXDOMAIN）。受信側はこのドメインからのメールを拒否します。入力ミスではありませんか？</translation>
    </message>
    <message>
      <source>Check the spelling of the sender's domain.</source>
      <translation>送信者のドメインの綴りを確認してください。</translation>
    </message>
    <message>
      <source>{domain} publishes "{record}": a null MX must have preference 0 (RFC 7505), so this is a broken MX record naming no host. No server accepts mail for {domain}.</source>
      <translation>{domain} は "{record}" を公開しています。null MX の優先度は 0 でなければならない（RFC 7505）ため、これはホストを指さない壊れた MX レコードです。{domain} 宛のメールを受け取るサーバーはありません。</translation>
    </message>
    <message>
      <source>Publish "{domain}. MX 0 ." if {domain} takes no mail, or an MX record naming its mail server.</source>
      <translation>{domain} がメールを受け取らないなら "{domain}. MX 0 ." を、受け取るならメールサーバーを指す MX レコードを公開してください。</translation>
    </message>
    <message>
      <source>{domain} publishes a null MX ("{record}") next to other MX records ({hosts}); RFC 7505 forbids that: senders may refuse the mail or try the other hosts.</source>
      <translation>{domain} は null MX（"{record}"）をほかの MX レコード（{hosts}）と並べて公開しています。RFC 7505 はこれを禁じています。送信側はメールを拒否するか、ほかのホストを試します。</translation>
    </message>
    <message>
      <source>Remove "{record}" if {domain} takes mail, or remove the other MX records if it does not.</source>
      <translation>{domain} がメールを受け取るなら "{record}" を、受け取らないならほかの MX レコードを削除してください。</translation>
    </message>
    <message>
      <source>No sending host was given and the MX lookup for {sender}, whose hosts would be assumed to send, failed ({outcome}): no SPF result could be computed.</source>
      <translation>送信ホストが指定されておらず、送信すると仮定する {sender} の MX の参照に失敗しました（{outcome}）。SPF の結果を計算できません。</translation>
    </message>
    <message>
      <source>Name the server that really sends the mail (--via), or try again with another resolver.</source>
      <translation>実際に送信するサーバーを指定する（--via）か、別のリゾルバーで再試行してください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} could not be looked up ({outcome} for {name}): receivers get temperror and may defer the mail.</source>
      <translation>{sender} の SPF レコードを参照できませんでした（{name} が {outcome}）。受信側は temperror となり、メールの受け取りを延期することがあります。</translation>
    </message>
    <message>
      <source>Check the name servers of {sender}, then try again.</source>
      <translation>{sender} のネームサーバーを確認してから、再試行してください。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} makes {count} lookups that find nothing for {family} clients; receivers give permerror after 2.</source>
      <translation>{sender} の SPF レコードには、{family} のクライアントに対して何も見つからない参照（void lookup）が {count} 回あります。受信側は 2 回を超えると permerror とします。</translation>
    </message>
    <message>
      <source>Still resolving…</source>
      <translation>解決中…</translation>
    </message>
    <message>
      <source>The analysis was cancelled before it ended: no verdict.</source>
      <translation>解析は終了前に取り消されました。判定はありません。</translation>
    </message>
    <message>
      <source>No sending server is known ({sender} has no MX host to assume): name the server that sends to get {recipient}'s verdict.</source>
      <translation>送信サーバーが不明です（{sender} には仮定できる MX ホストがありません）。{recipient} の判定を得るには、送信するサーバーを指定してください。</translation>
    </message>
    <message>
      <source>{recipient} does not exist (NXDOMAIN): check the spelling of the recipient's domain.</source>
      <translation>{recipient} は存在しません（NXDOMAIN）。受信者のドメインの綴りを確認してください。</translation>
    </message>
    <message>
      <source>{sender} does not exist (NXDOMAIN): check the spelling of the sender's domain; {recipient} refuses mail from a domain that does not exist.</source>
      <translation>{sender} は存在しません（NXDOMAIN）。送信者のドメインの綴りを確認してください。{recipient} は存在しないドメインからのメールを拒否します。</translation>
    </message>
    <message>
      <source>Neither {sender} nor {recipient} exists (NXDOMAIN): check the spelling of both domains.</source>
      <translation>{sender} も {recipient} も存在しません（NXDOMAIN）。両方のドメインの綴りを確認してください。</translation>
    </message>
    <message>
      <source>The sending host {host} does not exist (NXDOMAIN): check its spelling.</source>
      <translation>送信ホスト {host} は存在しません（NXDOMAIN）。綴りを確認してください。</translation>
    </message>
    <message>
      <source>The MX lookup for {recipient} failed ({outcome}): the sending server keeps the mail queued and retries; no verdict until it answers.</source>
      <translation>{recipient} の MX の参照に失敗しました（{outcome}）。送信側サーバーはメールをキューに残して再送します。応答があるまで判定できません。</translation>
    </message>
    <message>
      <source>No sending host was given and the MX lookup for {sender} failed ({outcome}): no server to assume, so no verdict.</source>
      <translation>送信ホストが指定されておらず、{sender} の MX の参照に失敗しました（{outcome}）。仮定できるサーバーがないため判定できません。</translation>
    </message>
    <message>
      <source>The address lookup of the sending host {host} failed ({outcome}): no verdict.</source>
      <translation>送信ホスト {host} のアドレスの参照に失敗しました（{outcome}）。判定できません。</translation>
    </message>
    <message>
      <source>{recipient} may defer this mail: the SPF check of {sender} for {host} failed ({outcome} for {name}).</source>
      <translation>{recipient} はこのメールの受け取りを延期することがあります。{host} について {sender} の SPF 検査が失敗しました（{name} が {outcome}）。</translation>
    </message>
    <message>
      <source>The address lookups of every MX host of {recipient} failed ({outcome}): the sending server keeps the mail queued and retries.</source>
      <translation>{recipient} のすべての MX ホストのアドレスの参照に失敗しました（{outcome}）。送信側サーバーはメールをキューに残して再送します。</translation>
    </message>
    <message>
      <source>{recipient} accepts no mail (null MX): the mail bounces at once.</source>
      <translation>{recipient} はメールを受け付けません（null MX）。メールはすぐに返送されます。</translation>
    </message>
    <message>
      <source>{recipient} has no MX record and no address: the mail bounces.</source>
      <translation>{recipient} には MX レコードもアドレスもありません。メールは返送されます。</translation>
    </message>
    <message>
      <source>{recipient} publishes a broken MX ({record}): no server accepts its mail, the mail bounces.</source>
      <translation>{recipient} は壊れた MX（{record}）を公開しています。メールを受け付けるサーバーがなく、メールは返送されます。</translation>
    </message>
    <message>
      <source>No MX host of {recipient} has an address: the mail bounces.</source>
      <translation>{recipient} の MX ホストにはどれもアドレスがありません。メールは返送されます。</translation>
    </message>
    <message>
      <source>Every MX host of {recipient} is down: the mail waits in the queue of {host} and is retried, then bounced after the sender's retry period (often 5 days).</source>
      <translation>{recipient} のすべての MX ホストが停止しています。メールは {host} のキューで待機して再送され、送信側の再送期間（多くは 5 日）の後に返送されます。</translation>
    </message>
    <message>
      <source>No MX host of {recipient} can be reached from the sending addresses ({addresses}): the mail waits in the queue of {host} and is retried, then bounced.</source>
      <translation>送信アドレス（{addresses}）からは {recipient} のどの MX ホストにも到達できません。メールは {host} のキューで待機して再送され、その後返送されます。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: the SPF record of {sender} does not authorize {host} ({addresses}, SPF fail). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の SPF レコードは {host}（{addresses}、SPF fail）を許可していません。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will flag this mail as suspicious: the SPF record of {sender} does not authorize {host} ({addresses}, SPF softfail). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを疑わしいとしてマークします。{sender} の SPF レコードは {host}（{addresses}、SPF softfail）を許可していません。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} may refuse or flag this mail: SPF passes, but {address} has no reverse DNS (PTR).</source>
      <translation>{recipient} はこのメールを拒否するか、マークすることがあります。SPF は通りますが、{address} には逆引き DNS（PTR）がありません。</translation>
    </message>
    <message>
      <source>{recipient} may refuse or flag this mail: SPF passes, but the reverse DNS of {address} ({ptr}) does not resolve back to it.</source>
      <translation>{recipient} はこのメールを拒否するか、マークすることがあります。SPF は通りますが、{address} の逆引き（{ptr}）が正引きで元のアドレスに戻りません。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: {sender} publishes no SPF record that authorizes {host}. DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} は {host} を許可する SPF レコードを公開していません。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: the SPF record of {sender} gives neutral for {host} ({addresses}). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} の SPF レコードは {host}（{addresses}）に neutral を返します。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will treat this mail as unauthenticated: the SPF record of {sender} is broken (permerror). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを認証されていないものとして扱います。{sender} の SPF レコードが壊れています（permerror）。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} accepts the mail as SPF-verified</source>
      <translation>{recipient} はメールを SPF で認証済みとして受け付けます</translation>
    </message>
    <message>
      <source>{recipient} accepts the mail as DKIM-verified</source>
      <translation>{recipient} はメールを DKIM で認証済みとして受け付けます</translation>
    </message>
    <message>
      <source>{recipient} accepts the mail as SPF-verified. Problems listed below still need fixing, though they do not stop this mail.</source>
      <translation>{recipient} はメールを SPF で認証済みとして受け付けます。以下の問題はこのメールを止めるものではありませんが、修正が必要です。</translation>
    </message>
    <message>
      <source>{recipient} accepts the mail as DKIM-verified. Problems listed below still need fixing, though they do not stop this mail.</source>
      <translation>{recipient} はメールを DKIM で認証済みとして受け付けます。以下の問題はこのメールを止めるものではありませんが、修正が必要です。</translation>
    </message>
    <message>
      <source>{cause} {consequence}</source>
      <translation>{cause}{consequence}</translation>
    </message>
    <message>
      <source>{recipient} refuses this mail.</source>
      <translation>{recipient} はこのメールを拒否します。</translation>
    </message>
    <message>
      <source>{recipient} puts this mail in spam or quarantine.</source>
      <translation>{recipient} はこのメールを迷惑メールに振り分けるか、隔離します。</translation>
    </message>
    <message>
      <source>{recipient} delivers it marked as unverified.</source>
      <translation>{recipient} はこのメールを未認証として配信します。</translation>
    </message>
    <message>
      <source>{recipient} defers this mail: it stays queued and is retried.</source>
      <translation>{recipient} はこのメールの受け取りを保留します。メールはキューに残り、再送されます。</translation>
    </message>
    <message>
      <source>Whether {recipient} accepts it cannot be told yet.</source>
      <translation>{recipient} がこのメールを受け付けるかどうかは、まだ判断できません。</translation>
    </message>
    <message>
      <source>DKIM d={domain} still authenticates the mail, so {recipient} delivers it.</source>
      <translation>それでも DKIM d={domain} がメールを認証するため、{recipient} はメールを配信します。</translation>
    </message>
    <message>
      <source>SPF still passes for {address}, so {recipient} delivers the mail.</source>
      <translation>それでも {address} では SPF に合格するため、{recipient} はメールを配信します。</translation>
    </message>
    <message>
      <source>Mail that leaves from {address} is refused by {recipient}.</source>
      <translation>{address} から送信されたメールは、{recipient} に拒否されます。</translation>
    </message>
    <message>
      <source>Mail that leaves from {address} goes to spam or quarantine at {recipient}.</source>
      <translation>{address} から送信されたメールは、{recipient} で迷惑メールに振り分けられるか、隔離されます。</translation>
    </message>
    <message>
      <source>Mail that leaves from {address} is delivered by {recipient} marked as unverified.</source>
      <translation>{address} から送信されたメールは、{recipient} で未認証として配信されます。</translation>
    </message>
    <message>
      <source>Mail that leaves from {address} is deferred by {recipient}.</source>
      <translation>{address} から送信されたメールは、{recipient} で受け取りを保留されます。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} gives the tag {tag}= more than once; a DMARC record is a DKIM tag list, and a repeated tag makes the whole list invalid (RFC 6376 3.2): receivers apply no DMARC.</source>
      <translation>_dmarc.{domain} の DMARC レコードでタグ {tag}= が複数回指定されています。DMARC レコードは DKIM のタグリストであり、タグが重複するとリスト全体が無効になります（RFC 6376 3.2）。受信側は DMARC を適用しません。</translation>
    </message>
    <message>
      <source>Keep one {tag}= in the record at _dmarc.{domain}.</source>
      <translation>_dmarc.{domain} のレコードの {tag}= を 1 つだけにしてください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has an invalid {tag}={value} and no valid rua=; RFC 9989 receivers then apply no DMARC at all.</source>
      <translation>_dmarc.{domain} の DMARC レコードの {tag}={value} は無効で、有効な rua= もありません。RFC 9989 の受信側は DMARC をまったく適用しません。</translation>
    </message>
    <message>
      <source>Publish at _dmarc.{domain} this TXT record: "{record}"</source>
      <translation>_dmarc.{domain} に次の TXT レコードを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>The TXT record "{record}" at _dmarc.{domain} is not a DMARC record: a DMARC record must begin with exactly v=DMARC1 (upper case, nothing before it). Receivers skip it.</source>
      <translation>_dmarc.{domain} の TXT レコード "{record}" は DMARC レコードではありません。DMARC レコードは正確に v=DMARC1 で始まる必要があります（大文字、前に何も置かない）。受信側はこのレコードを読み飛ばします。</translation>
    </message>
    <message>
      <source>Make the record at _dmarc.{domain} begin with "v=DMARC1;".</source>
      <translation>_dmarc.{domain} のレコードを "v=DMARC1;" で始めてください。</translation>
    </message>
    <message>
      <source>_dmarc.{domain} publishes {count} DMARC records; receivers discard them all and use the record at _dmarc.{used} instead.</source>
      <translation>_dmarc.{domain} に DMARC レコードが {count} 件公開されています。受信側はそのすべてを破棄し、代わりに _dmarc.{used} のレコードを使います。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} contains "{text}", which is not a tag=value pair; receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードに含まれる "{text}" は タグ=値 の形ではないため、受信側は無視します。</translation>
    </message>
    <message>
      <source>Write each tag as name=value, separated by semicolons.</source>
      <translation>各タグを 名前=値 の形で書き、セミコロンで区切ってください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid (allowed: {allowed}); receivers ignore it and use the default {tag}={default}.</source>
      <translation>_dmarc.{domain} の DMARC レコードの {tag}={value} は無効です（使える値: {allowed}）。受信側はこれを無視し、既定値 {tag}={default} を使います。</translation>
    </message>
    <message>
      <source>Write {tag}= with one of: {allowed}.</source>
      <translation>{tag}= には次のいずれかを書いてください: {allowed}。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not valid (allowed: {allowed}); receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードの {tag}={value} は無効です（使える値: {allowed}）。受信側はこれを無視します。</translation>
    </message>
    <message>
      <source>Write {tag}= with: {allowed}.</source>
      <translation>{tag}= は次の形で書いてください: {allowed}。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} gives {tag}={value}, which is not a policy (none, quarantine, reject); because the record has a valid rua=, RFC 9989 receivers act as if it said p=none: failing mail is delivered.</source>
      <translation>_dmarc.{domain} の DMARC レコードの {tag}={value} はポリシー（none、quarantine、reject）ではありません。レコードに有効な rua= があるため、RFC 9989 の受信側は p=none と同じに扱い、認証に失敗したメールも配送されます。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has no p= tag; because it has a valid rua=, receivers treat it as p=none: failing mail is delivered.</source>
      <translation>_dmarc.{domain} の DMARC レコードに p= タグがありません。有効な rua= があるため、受信側は p=none として扱い、認証に失敗したメールも配送されます。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has the tag {tag}=, which DMARC does not define; receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードにある {tag}= は DMARC で定義されていないタグのため、受信側は無視します。</translation>
    </message>
    <message>
      <source>Remove it, or correct its name (tag names are lower case: p, sp, np, adkim, aspf, rua, ruf, fo, psd, t).</source>
      <translation>削除するか、名前を直してください（タグ名は小文字です: p、sp、np、adkim、aspf、rua、ruf、fo、psd、t）。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} uses {tag}={value}; RFC 9989 removed {tag}=, and current receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードは {tag}={value} を使っています。{tag}= は RFC 9989 で廃止され、現在の受信側は無視します。</translation>
    </message>
    <message>
      <source>Remove {tag}= from the record.</source>
      <translation>レコードから {tag}= を削除してください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has pct={value}; RFC 9989 removed pct=, so current receivers apply the policy to all failing mail, not to {value}% of it.</source>
      <translation>_dmarc.{domain} の DMARC レコードに pct={value} があります。pct= は RFC 9989 で廃止されたため、現在の受信側は {value}% ではなく、認証に失敗したすべてのメールにポリシーを適用します。</translation>
    </message>
    <message>
      <source>Remove pct=; to try a policy out, add t=y (receivers then apply one level less).</source>
      <translation>pct= を削除してください。ポリシーを試すには t=y を追加します（受信側は 1 段階弱いポリシーを適用します）。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has pct={value}, which is not a percentage (0-100); pct= is removed in RFC 9989 and receivers ignore it.</source>
      <translation>_dmarc.{domain} の DMARC レコードの pct={value} は割合（0〜100）ではありません。pct= は RFC 9989 で廃止されており、受信側は無視します。</translation>
    </message>
    <message>
      <source>Remove pct= from the record.</source>
      <translation>レコードから pct= を削除してください。</translation>
    </message>
    <message>
      <source>The {tag}= destination {uri} of _dmarc.{domain} carries a size limit (!...); RFC 9989 removed it and receivers ignore it.</source>
      <translation>_dmarc.{domain} の {tag}= の送付先 {uri} にはサイズ制限（!...）が付いています。RFC 9989 で廃止されたため、受信側は無視します。</translation>
    </message>
    <message>
      <source>Remove the !size suffix.</source>
      <translation>!サイズ の部分を削除してください。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has fo={value} but no ruf=; receivers ignore fo= without ruf=.</source>
      <translation>_dmarc.{domain} の DMARC レコードに fo={value} がありますが ruf= がありません。ruf= がなければ受信側は fo= を無視します。</translation>
    </message>
    <message>
      <source>Remove fo=, or add ruf= with the address failure reports should go to.</source>
      <translation>fo= を削除するか、失敗レポートの送付先を ruf= に追加してください。</translation>
    </message>
    <message>
      <source>The {tag}= destination {uri} of _dmarc.{domain} is not a mailto: address; receivers need only support mailto: and ignore what they cannot use.</source>
      <translation>_dmarc.{domain} の {tag}= の送付先 {uri} は mailto: アドレスではありません。受信側が対応を求められるのは mailto: だけで、使えない送付先は無視されます。</translation>
    </message>
    <message>
      <source>Use a mailto: address.</source>
      <translation>mailto: アドレスを使ってください。</translation>
    </message>
    <message>
      <source>The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}), which does not accept reports for {domain}: there is no "v=DMARC1" TXT record at {name}. Receivers will not send reports there.</source>
      <translation>_dmarc.{domain} の {tag}= の送付先 {uri} は別の組織（{dest}）にあり、その組織は {domain} のレポートの受け取りを許可していません（{name} に "v=DMARC1" の TXT レコードがありません）。受信側はそこへレポートを送りません。</translation>
    </message>
    <message>
      <source>The owner of {dest} must publish at {name} this TXT record: "v=DMARC1;"</source>
      <translation>{dest} の管理者が {name} に次の TXT レコードを公開する必要があります: "v=DMARC1;"</translation>
    </message>
    <message>
      <source>The {tag}= destination {uri} of _dmarc.{domain} is in another organization ({dest}); its authorization record {name} could not be looked up ({outcome}).</source>
      <translation>_dmarc.{domain} の {tag}= の送付先 {uri} は別の組織（{dest}）にありますが、許可レコード {name} の参照に失敗しました（{outcome}）。</translation>
    </message>
    <message>
      <source>Check the name servers of {dest}, then try again.</source>
      <translation>{dest} のネームサーバーを確認してから、もう一度試してください。</translation>
    </message>
    <message>
      <source>RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail from {sender}, but receivers still on RFC 7489 (public suffix list) apply the one at _dmarc.{legacy}.</source>
      <translation>RFC 9989 の受信側（DNS ツリーウォーク）は {sender} からのメールに _dmarc.{domain} の DMARC レコードを適用しますが、RFC 7489（パブリックサフィックスリスト）のままの受信側は _dmarc.{legacy} のレコードを適用します。</translation>
    </message>
    <message>
      <source>Publish a record at _dmarc.{sender} itself, so every receiver applies the same one: "{record}"</source>
      <translation>_dmarc.{sender} 自体にレコードを公開すれば、どの受信側も同じレコードを適用します: "{record}"</translation>
    </message>
    <message>
      <source>RFC 9989 receivers (DNS tree walk) apply the DMARC record at _dmarc.{domain} to mail from {sender}, but receivers still on RFC 7489 (public suffix list) look only at _dmarc.{sender} and _dmarc.{legacy}, find nothing and apply no DMARC.</source>
      <translation>RFC 9989 の受信側（DNS ツリーウォーク）は {sender} からのメールに _dmarc.{domain} の DMARC レコードを適用しますが、RFC 7489（パブリックサフィックスリスト）のままの受信側は _dmarc.{sender} と _dmarc.{legacy} だけを調べ、何も見つからず DMARC を適用しません。</translation>
    </message>
    <message>
      <source>Receivers still on RFC 7489 (public suffix list) apply the DMARC record at _dmarc.{legacy} to mail from {sender}, but RFC 9989 receivers (DNS tree walk) do not reach it and apply no DMARC.</source>
      <translation>RFC 7489（パブリックサフィックスリスト）のままの受信側は {sender} からのメールに _dmarc.{legacy} の DMARC レコードを適用しますが、RFC 9989 の受信側（DNS ツリーウォーク）はそこまでたどり着かず DMARC を適用しません。</translation>
    </message>
    <message>
      <source>For relaxed alignment RFC 9989 receivers take {org} as the organizational domain of {sender}, receivers still on RFC 7489 take {legacy}: a DKIM or SPF domain aligned for one may not be for the other.</source>
      <translation>relaxed の整合では、RFC 9989 の受信側は {sender} の組織ドメインを {org}、RFC 7489 のままの受信側は {legacy} とします。一方で整合する DKIM や SPF のドメインが、もう一方では整合しないことがあります。</translation>
    </message>
    <message>
      <source>Sign and send with {sender} itself (or use adkim=s; aspf=s), so alignment does not depend on the organizational domain.</source>
      <translation>{sender} 自体で署名・送信する（または adkim=s; aspf=s を使う）と、整合が組織ドメインに左右されなくなります。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} has t=y (testing): receivers apply {applied} instead of {policy} to mail from {sender} that fails.</source>
      <translation>_dmarc.{domain} の DMARC レコードには t=y（テスト）があります。受信側は {sender} からの認証に失敗したメールに {policy} ではなく {applied} を適用します。</translation>
    </message>
    <message>
      <source>Remove t=y once reports show all your senders pass.</source>
      <translation>レポートですべての送信元が合格していることを確認できたら、t=y を削除してください。</translation>
    </message>
    <message>
      <source>{sender} publishes no DMARC record of its own; the policy comes from the public suffix operator's record at _dmarc.{domain} (psd=y).</source>
      <translation>{sender} は独自の DMARC レコードを公開していません。ポリシーはパブリックサフィックス運営者のレコード _dmarc.{domain}（psd=y）から来ています。</translation>
    </message>
    <message>
      <source>{sender} does not exist (NXDOMAIN): receivers apply the non-existent-domain policy np={np} to mail from it.</source>
      <translation>{sender} は存在しません（NXDOMAIN）。受信側はこのドメインからのメールに、存在しないドメイン用のポリシー np={np} を適用します。</translation>
    </message>
    <message>
      <source>DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned with it, and the policy of {domain} asks the receiver to reject it.</source>
      <translation>{sender} からのメールは DMARC に失敗します。SPF でも DKIM でもこのドメインと整合する識別子が得られず、{domain} のポリシーは受信側に拒否を求めています。</translation>
    </message>
    <message>
      <source>Send with a MAIL FROM in {sender} that SPF authorizes, or sign with DKIM d={sender}.</source>
      <translation>SPF が許可する {sender} 内の MAIL FROM で送信するか、DKIM d={sender} で署名してください。</translation>
    </message>
    <message>
      <source>DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned with it, and the policy of {domain} asks the receiver to quarantine it (spam folder).</source>
      <translation>{sender} からのメールは DMARC に失敗します。SPF でも DKIM でもこのドメインと整合する識別子が得られず、{domain} のポリシーは受信側に隔離（迷惑メールフォルダー）を求めています。</translation>
    </message>
    <message>
      <source>DMARC fails for mail from {sender}: neither SPF nor DKIM gives an identifier aligned with it; the policy of {domain} asks for no action, but receivers may still flag it.</source>
      <translation>{sender} からのメールは DMARC に失敗します。SPF でも DKIM でもこのドメインと整合する識別子が得られません。{domain} のポリシーは何の処置も求めていませんが、受信側が警告を付けることがあります。</translation>
    </message>
      <message>
      <source>DKIM was not checked: from DNS alone mailpath cannot see whether the mail carries a DKIM signature, so the verdict rests on SPF.</source>
      <translation>DKIM は確認していません。DNS だけではメールに DKIM 署名があるかどうか分からないため、判定は SPF に基づいています。</translation>
    </message>
    <message>
      <source>Give the selector your server signs with (the s= of a DKIM-Signature header; --dkim-selector, or the window's DKIM selector field), or open a received message.</source>
      <translation>サーバーが署名に使うセレクター（DKIM-Signature ヘッダーの s=。--dkim-selector またはウィンドウの DKIM セレクター欄）を指定するか、受信したメッセージを開いてください。</translation>
    </message>
    <message>
      <source>Type the selector your server signs with (the s= of a DKIM-Signature header) in the DKIM selectors field, or open a received message.</source>
      <translation>サーバーが署名に使うセレクター（DKIM-Signature ヘッダーの s= の値）を「DKIM セレクター」欄に入力するか、受信したメッセージを開いてください。</translation>
    </message>
    <message>
      <source>The message carries no DKIM signature: only SPF can authenticate it, and SPF breaks as soon as the mail is forwarded.</source>
      <translation>このメッセージには DKIM 署名がありません。認証できるのは SPF だけで、SPF はメールが転送されるとすぐに失敗します。</translation>
    </message>
    <message>
      <source>Sign outgoing mail with DKIM for {sender} (d={sender}): most hosting control panels have a switch for it; it publishes the key at SELECTOR._domainkey.{sender}.</source>
      <translation>送信メールに {sender} の DKIM 署名（d={sender}）を付けてください。多くのレンタルサーバーのコントロールパネルに設定があり、鍵は SELECTOR._domainkey.{sender} に公開されます。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} fails: {reason}.</source>
      <translation>DKIM 署名 d={domain} s={selector} は失敗します: {reason}。</translation>
    </message>
    <message>
      <source>Make sure nothing changes the mail after it is signed (a footer, a virus scanner, a forwarder) and that {selector}._domainkey.{domain} holds the key the server signs with.</source>
      <translation>署名後にメールを書き換えるもの（フッター、ウイルス対策、転送）がないこと、{selector}._domainkey.{domain} にサーバーが署名に使う鍵があることを確認してください。</translation>
    </message>
    <message>
      <source>The body of the message changed after the DKIM signature d={domain} s={selector} was made (body hash mismatch): it was changed after signing — a list footer, a forwarder, or the file itself.</source>
      <translation>DKIM 署名 d={domain} s={selector} の作成後にメッセージの本文が変わっています（本文ハッシュの不一致）。署名の後で書き換えられました（メーリングリストのフッター、転送、またはファイル自体）。</translation>
    </message>
    <message>
      <source>If the mail passed through a mailing list or a forwarder, that is what changed it; otherwise find what rewrites the body after signing (a footer, a disclaimer, a virus scanner) and sign after it.</source>
      <translation>メーリングリストや転送を経由したのなら、それが本文を変えたものです。そうでなければ署名後に本文を書き換えるもの（フッター、免責文、ウイルス対策）を突き止め、その後で署名するようにしてください。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} does not verify: the signed header fields were changed after signing — a list, a forwarder, or the file itself — or the key at {name} does not match the one the server signs with.</source>
      <translation>DKIM 署名 d={domain} s={selector} は検証に失敗します。署名対象のヘッダーが署名後に書き換えられた（メーリングリスト、転送、またはファイル自体）か、{name} の鍵がサーバーが署名に使う鍵と一致しません。</translation>
    </message>
    <message>
      <source>Make sure nothing rewrites the signed header fields after signing, and that {name} holds the public half of the key the server signs with.</source>
      <translation>署名後に署名対象のヘッダーを書き換えるものがないこと、{name} にサーバーが署名に使う鍵の公開鍵があることを確認してください。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} cannot be verified: no key is published at {name} ({outcome}), so receivers treat it as invalid (permerror).</source>
      <translation>DKIM 署名 d={domain} s={selector} を検証できません。{name} に鍵が公開されていない（{outcome}）ため、受信側はこの署名を無効（permerror）として扱います。</translation>
    </message>
    <message>
      <source>Publish the key the server signs with as a TXT record at {name} (&quot;v=DKIM1; k=rsa; p=...&quot;), or make the server sign with a selector whose key is published.</source>
      <translation>サーバーが署名に使う鍵を {name} に TXT レコード（&quot;v=DKIM1; k=rsa; p=...&quot;）として公開するか、鍵が公開されているセレクターで署名するようサーバーを設定してください。</translation>
    </message>
    <message>
      <source>The DKIM key for the signature d={domain} s={selector} could not be fetched from {name} ({outcome}): the signature was not checked; a receiver would treat it as a temporary error (temperror), not as a missing key.</source>
      <translation>DKIM 署名 d={domain} s={selector} の鍵を {name} から取得できませんでした（{outcome}）。署名は確認されていません。受信側はこれを鍵がないのではなく一時的なエラー（temperror）として扱います。</translation>
    </message>
    <message>
      <source>Nothing to publish: try again later, and if it keeps failing check that the name servers of {domain} answer for {name}.</source>
      <translation>公開するものはありません。時間をおいて再実行し、失敗が続くなら {domain} のネームサーバーが {name} に応答するか確認してください。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} could not be checked when this analysis was saved (temperror): {reason}.</source>
      <translation>この解析を保存した時点で DKIM 署名 d={domain} s={selector} を確認できませんでした（temperror）: {reason}。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} is not valid as written (permerror): {reason}.</source>
      <translation>DKIM 署名 d={domain} s={selector} は書かれたとおりでは有効になりません（permerror）: {reason}。</translation>
    </message>
    <message>
      <source>The signer must correct the DKIM-Signature header field its server adds (its d=, s=, a= and the other required tags) or the software that writes it.</source>
      <translation>署名者は、サーバーが付ける DKIM-Signature ヘッダー（d=、s=、a= などの必須タグ）またはそれを書くソフトウェアを直す必要があります。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} expired at {expired} (x=): receivers treat it as invalid (permerror). mailpath allows {slack} seconds for clock differences.</source>
      <translation>DKIM 署名 d={domain} s={selector} は {expired} に期限切れになりました（x=）。受信側はこれを無効（permerror）として扱います。mailpath は時計のずれとして {slack} 秒まで許容します。</translation>
    </message>
    <message>
      <source>If the message is old, that is expected. Otherwise the signing server sets x= too soon, or its clock is wrong: sign with a longer expiry or without x=.</source>
      <translation>古いメッセージなら当然の結果です。そうでなければ署名サーバーの x= が短すぎるか時計がずれています。期限を長くするか x= なしで署名してください。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} uses rsa-sha1, which RFC 8301 forbids verifiers to accept: it counts as no signature.</source>
      <translation>DKIM 署名 d={domain} s={selector} は rsa-sha1 を使っています。RFC 8301 は検証側がこれを受け入れることを禁じているため、署名がないのと同じです。</translation>
    </message>
    <message>
      <source>Configure the signing server to sign with rsa-sha256 (or ed25519-sha256 beside it).</source>
      <translation>署名サーバーを rsa-sha256 で（併せて ed25519-sha256 でも）署名するよう設定してください。</translation>
    </message>
    <message>
      <source>The DKIM key at {name} cannot verify the signature d={domain} s={selector}: {reason}.</source>
      <translation>{name} の DKIM 鍵では署名 d={domain} s={selector} を検証できません: {reason}。</translation>
    </message>
    <message>
      <source>Publish one valid TXT record &quot;v=DKIM1; k=rsa; p=...&quot; at {name} holding the public half of the key the server signs with (RSA of 2,048 bits, or k=ed25519 for ed25519-sha256 signatures).</source>
      <translation>サーバーが署名に使う鍵の公開鍵を、有効な TXT レコード 1 つ（&quot;v=DKIM1; k=rsa; p=...&quot;）として {name} に公開してください（2,048 ビットの RSA、または ed25519-sha256 の署名なら k=ed25519）。</translation>
    </message>
    <message>
      <source>mailpath did not verify the DKIM signature d={domain} s={selector}: the message's {header} header is {size} octets, over the {maximum} octets mailpath lets its DKIM verifier read in one header field (it slows down so much on larger ones that the analysis would stall). Receivers limit header sizes too and may not verify it either.</source>
      <translation>mailpath は DKIM 署名 d={domain} s={selector} を検証しませんでした: メッセージの {header} ヘッダーは {size} オクテットあり、mailpath が DKIM の検証器に 1 つのヘッダーフィールドとして読ませる上限 {maximum} オクテットを超えています（これより大きいと検証が極端に遅くなり、解析が止まってしまうためです）。受信側もヘッダーの大きさを制限しており、同じく検証しないことがあります。</translation>
    </message>
    <message>
      <source>mailpath did not verify the DKIM signature d={domain} s={selector}: the message's {header} header is folded over {size} lines, over the {maximum} continuation lines mailpath lets its DKIM verifier read in one header field (its time grows with the square of the lines). Receivers limit header sizes too and may not verify it either.</source>
      <translation>mailpath は DKIM 署名 d={domain} s={selector} を検証しませんでした: メッセージの {header} ヘッダーは {size} 行に折り返されており、mailpath が DKIM の検証器に 1 つのヘッダーフィールドとして読ませる上限 {maximum} 継続行を超えています（検証時間が行数の 2 乗で増えるためです）。受信側もヘッダーの大きさを制限しており、同じく検証しないことがあります。</translation>
    </message>
    <message>
      <source>mailpath did not verify the DKIM signature d={domain} s={selector}: the message's header block is {size} octets, over the {maximum} octets mailpath lets its DKIM verifier read. Receivers limit header sizes too and may not verify it either.</source>
      <translation>mailpath は DKIM 署名 d={domain} s={selector} を検証しませんでした: メッセージのヘッダー部は {size} オクテットあり、mailpath が DKIM の検証器に読ませる上限 {maximum} オクテットを超えています。受信側もヘッダーの大きさを制限しており、同じく検証しないことがあります。</translation>
    </message>
    <message>
      <source>mailpath did not finish verifying the DKIM signature d={domain} s={selector}: the analysis ran out of time (--budget, {budget} s). This says nothing about the signature itself.</source>
      <translation>mailpath は DKIM 署名 d={domain} s={selector} の検証を終えられませんでした: 解析の制限時間（--budget、{budget} 秒）を使い切りました。署名そのものの良し悪しはこれではわかりません。</translation>
    </message>
    <message>
      <source>Run the analysis again with a larger --budget.</source>
      <translation>--budget を大きくして解析をやり直してください。</translation>
    </message>
    <message>
      <source>mailpath did not verify the message's ARC chain: its {header} header is {size} octets, over the {maximum} octets mailpath lets its verifier read in one header field.</source>
      <translation>mailpath はメッセージの ARC チェーンを検証しませんでした: {header} ヘッダーが {size} オクテットあり、mailpath が検証器に 1 つのヘッダーフィールドとして読ませる上限 {maximum} オクテットを超えています。</translation>
    </message>
    <message>
      <source>mailpath did not verify the message's ARC chain: its {header} header is folded over {size} lines, over the {maximum} continuation lines mailpath lets its verifier read in one header field.</source>
      <translation>mailpath はメッセージの ARC チェーンを検証しませんでした: {header} ヘッダーが {size} 行に折り返されており、mailpath が検証器に 1 つのヘッダーフィールドとして読ませる上限 {maximum} 継続行を超えています。</translation>
    </message>
    <message>
      <source>mailpath did not verify the message's ARC chain: its header block is {size} octets, over the {maximum} octets mailpath lets its verifier read.</source>
      <translation>mailpath はメッセージの ARC チェーンを検証しませんでした: ヘッダー部が {size} オクテットあり、mailpath が検証器に読ませる上限 {maximum} オクテットを超えています。</translation>
    </message>
    <message>
      <source>mailpath did not finish verifying the message's ARC chain: the analysis ran out of time (--budget, {budget} s).</source>
      <translation>mailpath はメッセージの ARC チェーンの検証を終えられませんでした: 解析の制限時間（--budget、{budget} 秒）を使い切りました。</translation>
    </message>
    <message>
      <source>mailpath did not evaluate the DKIM signature d={domain} s={selector}: {reason}. Receivers limit the same things and may ignore it too.</source>
      <translation>mailpath は DKIM 署名 d={domain} s={selector} を評価しませんでした: {reason}。受信側も同じ制限を設けており、この署名を無視することがあります。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} could not be verified when this analysis was saved ({result}): {reason}.</source>
      <translation>この解析を保存した時点で DKIM 署名 d={domain} s={selector} を検証できませんでした（{result}）: {reason}。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} passes but is not aligned with the From domain {sender} (adkim={mode}): DMARC does not count it.</source>
      <translation>DKIM 署名 d={domain} は成功しますが、From ドメイン {sender} と整合していません（adkim={mode}）。DMARC ではこの署名は数えられません。</translation>
    </message>
    <message>
      <source>Sign with d={sender} (relaxed alignment also accepts a subdomain of the same organizational domain).</source>
      <translation>d={sender} で署名してください（relaxed の整合なら同じ組織ドメインのサブドメインでも構いません）。</translation>
    </message>
    <message>
      <source>The DKIM key at {name} is only {bits} bits: receivers ignore RSA keys under 1,024 bits and a key under 2,048 bits can be broken.</source>
      <translation>{name} の DKIM 鍵は {bits} ビットしかありません。1,024 ビット未満の RSA 鍵は受信側に無視され、2,048 ビット未満の鍵は破られるおそれがあります。</translation>
    </message>
    <message>
      <source>Publish a 2,048-bit RSA key under a new selector, sign with it, then remove the old key.</source>
      <translation>新しいセレクターで 2,048 ビットの RSA 鍵を公開してそれで署名し、その後で古い鍵を削除してください。</translation>
    </message>
    <message>
      <source>The DKIM signature d={domain} s={selector} has l={length}: it covers only the first {length} bytes of the body, so anyone can append content and the signature still passes.</source>
      <translation>DKIM 署名 d={domain} s={selector} には l={length} があります。本文の先頭 {length} バイトしか保護しないため、誰でも内容を追加でき、それでも署名は成功します。</translation>
    </message>
    <message>
      <source>Sign without the body length tag (l=).</source>
      <translation>本文長タグ（l=）を付けずに署名してください。</translation>
    </message>
    <message>
      <source>No DKIM key is published at {name}: a signature with s={selector} fails (permerror).</source>
      <translation>{name} に DKIM 鍵が公開されていません。s={selector} の署名は失敗します（permerror）。</translation>
    </message>
    <message>
      <source>Publish the key your server signs with as a TXT record at {name} (&quot;v=DKIM1; k=rsa; p=...&quot;), or check the selector name.</source>
      <translation>サーバーが署名に使う鍵を {name} に TXT レコード（&quot;v=DKIM1; k=rsa; p=...&quot;）として公開するか、セレクター名を確認してください。</translation>
    </message>
    <message>
      <source>The DKIM key at {name} is revoked (empty p=): signatures with s={selector} fail.</source>
      <translation>{name} の DKIM 鍵は失効しています（p= が空）。s={selector} の署名は失敗します。</translation>
    </message>
    <message>
      <source>If the server still signs with s={selector}, publish its key again or switch the server to the current selector.</source>
      <translation>サーバーがまだ s={selector} で署名しているなら、鍵を再公開するか、サーバーを現在のセレクターに切り替えてください。</translation>
    </message>
    <message>
      <source>The DKIM key record at {name} is invalid: {error}.</source>
      <translation>{name} の DKIM 鍵レコードは無効です: {error}。</translation>
    </message>
    <message>
      <source>Publish one TXT record &quot;v=DKIM1; k=rsa; p=BASE64KEY&quot; at {name}.</source>
      <translation>{name} に TXT レコード &quot;v=DKIM1; k=rsa; p=BASE64KEY&quot; を 1 つだけ公開してください。</translation>
    </message>
    <message>
      <source>The DKIM key at {name} could not be checked: {error}.</source>
      <translation>{name} の DKIM 鍵を確認できませんでした: {error}。</translation>
    </message>
    <message>
      <source>The message's ARC chain fails ({reason}): a receiver cannot trust what the forwarders before it recorded.</source>
      <translation>このメッセージの ARC チェーンは失敗します（{reason}）。受信側は途中の転送者が記録した結果を信頼できません。</translation>
    </message>
    <message>
      <source>The message passed through {by}, a relay outside the domains of {sender} and of its sending server: the predicted route has no such hop (a forwarder, a mailing list or a filtering service).</source>
      <translation>このメッセージは {by} を経由しました。{sender} とその送信サーバーのドメインの外にある中継で、予測した経路にはない経由地です（転送、メーリングリスト、フィルタリングサービスなど）。</translation>
    </message>
    <message>
      <source>Forwarding breaks SPF: sign with DKIM d={sender} so DMARC still passes after a forwarder.</source>
      <translation>転送されると SPF は失敗します。転送後も DMARC に合格するよう、DKIM（d={sender}）で署名してください。</translation>
    </message>
    <message>
      <source>{forwarder} forwarded the message: a server of an organization other than {sender}'s, it received the message after {sender}'s own server {submission} had sent it, and handed it to the recipient (a forwarding mailbox, a mailing list or a relay). The recipient checks SPF against the forwarder's address, so SPF fails there: that is what forwarding does, and DKIM and ARC carry the judgement.</source>
      <translation>{forwarder} がこのメッセージを転送しました。{sender} とは別の組織のサーバーで、{sender} 自身のサーバー {submission} が送信した後に受け取り、受信者に渡しています（転送設定のあるメールボックス、メーリングリスト、中継など）。受信側は転送者のアドレスで SPF を確認するため、そこで SPF は失敗します。これは転送では必ず起こることで、判断は DKIM と ARC に委ねられます。</translation>
    </message>
    <message>
      <source>Sign outgoing mail with DKIM d={sender} on the sender's side: the signature survives forwarding and lets DMARC pass. On the forwarder's side, {forwarder} can add ARC headers so receivers can trust the results it saw.</source>
      <translation>送信側で DKIM（d={sender}）で署名してください。署名は転送後も有効なので、DMARC に合格できます。転送側では、{forwarder} が ARC ヘッダーを付ければ、受信側はそこで確認された結果を信頼できます。</translation>
    </message>
    <message>
      <source>{authserv} recorded {method}={theirs} when the message arrived, but checking it again now gives {method}={ours}: DNS has changed since (a record edited, a key rotated) or the receiver saw something mailpath cannot.</source>
      <translation>{authserv} は受信時に {method}={theirs} と記録しましたが、いま確認し直すと {method}={ours} になります。その後 DNS が変わった（レコードの編集、鍵の交換）か、受信側には mailpath に見えないものが見えていました。</translation>
    </message>
    <message>
      <source>{authserv} recorded {method}={theirs} when the message arrived, but checking it again now gives {method}={ours}: the body no longer matches its DKIM signature's body hash, so this file was changed after it was received (edited, re-encoded, a converted line ending); the sender's published records are not the cause.</source>
      <translation>{authserv} は受信時に {method}={theirs} と記録しましたが、いま確認し直すと {method}={ours} になります。本文が DKIM 署名の本文ハッシュと一致しなくなっており、このファイルは受信後に変更されています（編集、再エンコード、改行コードの変換）。送信者が公開しているレコードが原因ではありません。</translation>
    </message>
    <message>
      <source>Open the message as the mailbox first saved it (export the original .eml) to re-check it.</source>
      <translation>メールボックスが最初に保存したままのメッセージ（元の .eml を書き出したもの）を開いて確認し直してください。</translation>
    </message>
    <message>
      <source>{authserv} recorded {method}={theirs} when the message arrived, but checking it again now gives {method}={ours}: the DKIM key at {name} is no longer the one that signed it (the key was rotated or removed since), unless the signed header fields of this file were edited.</source>
      <translation>{authserv} は受信時に {method}={theirs} と記録しましたが、いま確認し直すと {method}={ours} になります。{name} の DKIM 鍵は署名した鍵ではなくなっています（その後、鍵が交換または削除された）。ただし、このファイルの署名対象ヘッダーが編集された場合も同じになります。</translation>
    </message>
    <message>
      <source>{authserv} recorded {method}={theirs} when the message arrived, but checking it again now gives {method}={ours} because a DNS lookup failed just now (a timeout, SERVFAIL or REFUSED), not because anything changed.</source>
      <translation>{authserv} は受信時に {method}={theirs} と記録しましたが、いま確認し直すと {method}={ours} になります。何かが変わったのではなく、いま DNS の問い合わせが失敗した（タイムアウト、SERVFAIL、REFUSED）ためです。</translation>
    </message>
    <message>
      <source>Try again later, or with another resolver.</source>
      <translation>時間をおいて、または別のリゾルバーで再実行してください。</translation>
    </message>
    <message>
      <source>{authserv} recorded {method}={theirs} when the message arrived, but checking it again now gives {method}={ours}: the DKIM signature's expiry (x=) has passed since; neither the message nor DNS changed.</source>
      <translation>{authserv} は受信時に {method}={theirs} と記録しましたが、いま確認し直すと {method}={ours} になります。その後 DKIM 署名の有効期限（x=）が過ぎたためで、メッセージも DNS も変わっていません。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is reject.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは reject です。</translation>
    </message>
    <message>
      <source>{recipient} will put this mail in spam: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is quarantine.</source>
      <translation>{recipient} はこのメールを迷惑メールに振り分けます。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは quarantine です。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is reject. DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは reject です。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will put this mail in spam: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is quarantine. DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを迷惑メールに振り分けます。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは quarantine です。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is reject. The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは reject です。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will put this mail in spam: DMARC fails for {sender} (neither SPF nor DKIM gives an aligned pass) and the policy of {domain} is quarantine. The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを迷惑メールに振り分けます。{sender} の DMARC が失敗し（SPF でも DKIM でも整合した合格が得られません）、{domain} のポリシーは quarantine です。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: it names more than one author in From (RFC 5322 allows exactly one), so no domain can be authenticated for it.</source>
      <translation>{recipient} はこのメールを拒否します。From に複数の作成者が記載されており（RFC 5322 で認められているのは 1 つだけです）、どのドメインについても認証できません。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: the SPF record of {sender} does not authorize {host} ({addresses}, SPF fail). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の SPF レコードは {host}（{addresses}、SPF fail）を許可していません。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will flag this mail as suspicious: the SPF record of {sender} does not authorize {host} ({addresses}, SPF softfail). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを疑わしいとしてマークします。{sender} の SPF レコードは {host}（{addresses}、SPF softfail）を許可していません。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: {sender} publishes no SPF record that authorizes {host}. The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} は {host} を許可する SPF レコードを公開していません。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: the SPF record of {sender} gives neutral for {host} ({addresses}). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} の SPF レコードは {host}（{addresses}）に neutral を返します。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will treat this mail as unauthenticated: the SPF record of {sender} is broken (permerror). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを認証されていないものとして扱います。{sender} の SPF レコードが壊れています（permerror）。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{sender} publishes no SPF record that authorizes {host}.</source>
      <translation>{sender} には {host} を許可する SPF レコードが公開されていません。</translation>
    </message>
    <message>
      <source>The SPF record of {sender} does not authorize {host}; the result is {result}.</source>
      <translation>{sender} の SPF レコードは {host} を許可しておらず、結果は {result} です。</translation>
    </message>
    <message>
      <source>The authoritative servers of {zone} disagree about {name} {type}: {servers}.</source>
      <translation>{zone} の権威サーバーの間で {name} {type} の内容が一致しません：{servers}。</translation>
    </message>
    <message>
      <source>Wait for the secondary servers to load the new serial (or check that zone transfers to them work), then compare again.</source>
      <translation>セカンダリサーバーが新しいシリアルを読み込むのを待ってから（またはゾーン転送が機能しているか確認してから）、もう一度比べてください。</translation>
    </message>
    <message>
      <source>{host} ({address}) is listed as a name server of {zone} but does not answer for it authoritatively ({how}).</source>
      <translation>{host}（{address}）は {zone} のネームサーバーとして登録されていますが、権威を持って応答しません（{how}）。</translation>
    </message>
    <message>
      <source>Remove {host} from the NS records of {zone} (at the parent too) or configure it to serve the zone.</source>
      <translation>{zone} の NS レコード（親ゾーン側も）から {host} を削除するか、そのゾーンを提供するよう設定してください。</translation>
    </message>
    <message>
      <source>{host} ({address}), a name server of {zone}, did not answer ({how}).</source>
      <translation>{zone} のネームサーバー {host}（{address}）が応答しませんでした（{how}）。</translation>
    </message>
    <message>
      <source>Check that {host} is up and reachable over UDP and TCP port 53.</source>
      <translation>{host} が稼働しており、UDP と TCP の 53 番ポートに到達できるか確認してください。</translation>
    </message>
    <message>
      <source>{name} {type}: the new record is on {count} of {total} authoritative servers (serial {serial}); your resolver still holds the old answer for up to {ttl} s.</source>
      <translation>{name} {type}：新しいレコードは権威サーバー {total} 台中 {count} 台にあります（シリアル {serial}）。リゾルバーは古い応答を最大 {ttl} 秒保持し続けます。</translation>
    </message>
    <message>
      <source>{host} ({address}), a name server of {zone}, did not answer (connection refused: nothing listens for DNS on that address).</source>
      <translation>{zone} のネームサーバー {host}（{address}）が応答しませんでした（接続拒否：そのアドレスでは DNS サーバーが待ち受けていません）。</translation>
    </message>
    <message>
      <source>Start the name server on {host} (or let it listen on {address}), or remove {host} from the NS records of {zone} (at the parent too).</source>
      <translation>{host} でネームサーバーを起動する（または {address} で待ち受けるようにする）か、{zone} の NS レコード（親ゾーン側も）から {host} を削除してください。</translation>
    </message>
    <message>
      <source>{name} {type}: the new record is on {count} of {total} authoritative servers (serial {serial}); your resolver still holds the old answer and did not say for how long (its reply carried no TTL).</source>
      <translation>{name} {type}：新しいレコードは権威サーバー {total} 台中 {count} 台にあります（シリアル {serial}）。リゾルバーは古い応答をまだ保持していますが、いつまで保持するかは示していません（応答に TTL がありませんでした）。</translation>
    </message>
      <message>
      <source>{recipient} will reject this mail: the SPF record of {sender} does not authorize {host} (SPF fail). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の SPF レコードは {host}（SPF fail）を許可していません。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will flag this mail as suspicious: the SPF record of {sender} does not authorize {host} (SPF softfail). DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを疑わしいとしてマークします。{sender} の SPF レコードは {host}（SPF softfail）を許可していません。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: the SPF record of {sender} gives neutral for {host}. DKIM was not checked (give a selector or open a received message): a valid DKIM signature aligned with {sender} would still authenticate it.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} の SPF レコードは {host} に neutral を返します。DKIM は確認していません（セレクターを指定するか、受信したメッセージを開いてください）。{sender} に整合する有効な DKIM 署名があれば、認証されます。</translation>
    </message>
    <message>
      <source>{recipient} will reject this mail: the SPF record of {sender} does not authorize {host} (SPF fail). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを拒否します。{sender} の SPF レコードは {host}（SPF fail）を許可していません。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will flag this mail as suspicious: the SPF record of {sender} does not authorize {host} (SPF softfail). The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを疑わしいとしてマークします。{sender} の SPF レコードは {host}（SPF softfail）を許可していません。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{recipient} will mark this mail unverified: the SPF record of {sender} gives neutral for {host}. The message carries no valid DKIM signature aligned with {sender} either.</source>
      <translation>{recipient} はこのメールを未認証として扱います。{sender} の SPF レコードは {host} に neutral を返します。このメッセージには {sender} に整合する有効な DKIM 署名もありません。</translation>
    </message>
    <message>
      <source>{sender} publishes {count} SPF records ({records}); RFC 7208 4.5 allows one, so every receiver gets permerror for every server and SPF never passes.</source>
      <translation>{sender} は SPF レコードを {count} 件公開しています（{records}）。RFC 7208 4.5 で許されるのは 1 件だけなので、どの受信側もすべてのサーバーに対して permerror となり、SPF は決して合格しません。</translation>
    </message>
    <message>
      <source>Merge them into one record: publish at {sender} only this TXT record, in place of the {count}: "{record}"</source>
      <translation>1 件のレコードにまとめてください。{sender} には {count} 件の代わりに次の TXT レコードだけを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>Merge them into one record at {sender}: keep every term the servers need, end it with one all, and delete the others.</source>
      <translation>{sender} のレコードを 1 件にまとめてください。サーバーに必要な項目をすべて残し、末尾に all を 1 つだけ置き、ほかのレコードは削除してください。</translation>
    </message>
    <message>
      <source>The message has {count} From fields ({addresses}); RFC 5322 3.6 allows exactly one, and large receivers (Gmail, Microsoft) refuse such a message. mailpath analysed the topmost, {used}, as the author.</source>
      <translation>このメッセージには From フィールドが {count} 個あります（{addresses}）。RFC 5322 3.6 で許されるのは 1 個だけで、大手の受信側（Gmail、Microsoft）はこのようなメッセージを拒否します。mailpath は一番上の {used} を送信者として解析しました。</translation>
    </message>
    <message>
      <source>Find what adds the extra From field (a script, a mailing list, a relay that rewrites headers) and make it replace the field instead of adding one.</source>
      <translation>余分な From フィールドを追加しているもの（スクリプト、メーリングリスト、ヘッダーを書き換える中継）を突き止め、フィールドを追加せずに置き換えるようにしてください。</translation>
    </message>
    <message>
      <source>The From field names {count} addresses ({addresses}): there is no single author domain for DMARC, and large receivers (Gmail, Microsoft) refuse such a message. mailpath analysed the first, {used}, as the author.</source>
      <translation>From フィールドに {count} 個のアドレスがあります（{addresses}）。DMARC の送信者ドメインが 1 つに決まらず、大手の受信側（Gmail、Microsoft）はこのようなメッセージを拒否します。mailpath は最初の {used} を送信者として解析しました。</translation>
    </message>
    <message>
      <source>Send with exactly one address in From; put the others in Reply-To or To.</source>
      <translation>From にはアドレスを 1 つだけ入れて送ってください。ほかのアドレスは Reply-To か To に入れてください。</translation>
    </message>
    <message>
      <source>The message has no Date field; RFC 5322 3.6 requires one, and receivers that check the format (Gmail's sender requirements) may flag or refuse it.</source>
      <translation>このメッセージには Date フィールドがありません。RFC 5322 3.6 では必須で、形式を確認する受信側（Gmail の送信者ガイドライン）は迷惑メール扱いにしたり拒否したりすることがあります。</translation>
    </message>
    <message>
      <source>Make the sending software or the submission server add a Date field.</source>
      <translation>送信ソフトウェアまたはサブミッションサーバーが Date フィールドを付けるようにしてください。</translation>
    </message>
    <message>
      <source>The message has no Message-ID field; RFC 5322 3.6 says every message should have one, and receivers (Gmail's sender requirements) may flag or refuse mail without it.</source>
      <translation>このメッセージには Message-ID フィールドがありません。RFC 5322 3.6 ではすべてのメッセージに付けるべきとされ、受信側（Gmail の送信者ガイドライン）はこれのないメールを迷惑メール扱いにしたり拒否したりすることがあります。</translation>
    </message>
    <message>
      <source>Make the sending software or the submission server add a Message-ID field.</source>
      <translation>送信ソフトウェアまたはサブミッションサーバーが Message-ID フィールドを付けるようにしてください。</translation>
    </message>
    <message>
      <source>The message does not say which server handed it to the recipient: the receiving server {by} recorded no address for it and only the name {host}, which is not a host name. mailpath went on with the sending host unknown.</source>
      <translation>このメッセージには、受信者へ渡したサーバーが書かれていません。受信サーバー {by} はそのサーバーのアドレスを記録しておらず、名前 {host} だけを記録していますが、これはホスト名ではありません。mailpath は送信ホスト不明のまま解析を続けました。</translation>
    </message>
    <message>
      <source>If you know the server that sent the mail, give it (--via, or the Sending host field).</source>
      <translation>メールを送ったサーバーが分かっている場合は指定してください（--via、または「送信ホスト」欄）。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} has more than one v=STSv1 TXT record, so senders ignore MTA-STS for {domain}.</source>
      <translation>_mta-sts.{domain} に v=STSv1 の TXT レコードが複数あるため、送信側は {domain} の MTA-STS を無視します。</translation>
    </message>
    <message>
      <source>Keep one v=STSv1 record at _mta-sts.{domain}.</source>
      <translation>_mta-sts.{domain} の v=STSv1 レコードを 1 つにしてください。</translation>
    </message>
    <message>
      <source>The _mta-sts.{domain} TXT record "{record}" is not a valid v=STSv1 record.</source>
      <translation>_mta-sts.{domain} の TXT レコード "{record}" は有効な v=STSv1 レコードではありません。</translation>
    </message>
    <message>
      <source>Publish at _mta-sts.{domain} this TXT record: "{record_fixed}"</source>
      <translation>_mta-sts.{domain} に次の TXT レコードを公開してください: "{record_fixed}"</translation>
    </message>
    <message>
      <source>The _mta-sts.{domain} TXT record "{record}" has no id= field.</source>
      <translation>_mta-sts.{domain} の TXT レコード "{record}" に id= フィールドがありません。</translation>
    </message>
    <message>
      <source>The id= of the _mta-sts.{domain} TXT record "{record}" is not 1 to 32 letters and digits.</source>
      <translation>_mta-sts.{domain} の TXT レコード "{record}" の id= が、1～32 文字の英数字になっていません。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {host} has no address, so the policy at {url} cannot be fetched.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{host} にアドレスがないため、ポリシー {url} を取得できません。</translation>
    </message>
    <message>
      <source>Give {host} an A or AAAA record for the web server that serves the policy.</source>
      <translation>ポリシーを配信する Web サーバーの A または AAAA レコードを {host} に設定してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {host} refused the HTTPS connection for {url}.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{host} が {url} への HTTPS 接続を拒否しました。</translation>
    </message>
    <message>
      <source>Serve the policy over HTTPS on port 443 of {host}.</source>
      <translation>{host} のポート 443 で HTTPS によりポリシーを配信してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} could not be reached ({detail}).</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} に到達できませんでした（{detail}）。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} did not answer in time.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} が時間内に応答しませんでした。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but the certificate of {host} is not trusted for that name ({detail}).</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{host} の証明書はその名前に対して信頼できません（{detail}）。</translation>
    </message>
    <message>
      <source>Serve {url} with a certificate for {host} from a public CA.</source>
      <translation>公的な認証局が {host} に発行した証明書で {url} を配信してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} answered HTTP {status}.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} は HTTP {status} を返しました。</translation>
    </message>
    <message>
      <source>Serve the policy at {url} with status 200.</source>
      <translation>{url} のポリシーをステータス 200 で配信してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} redirects ({status} to {location}); senders do not follow redirects for the policy.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} はリダイレクトします（{status} → {location}）。送信側はポリシー取得でリダイレクトをたどりません。</translation>
    </message>
    <message>
      <source>Serve the policy at {url} itself, without a redirect.</source>
      <translation>リダイレクトせず、{url} そのものでポリシーを配信してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} is served as {content_type}, not text/plain.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} は text/plain ではなく {content_type} として配信されています。</translation>
    </message>
    <message>
      <source>Serve {url} with Content-Type: text/plain.</source>
      <translation>{url} を Content-Type: text/plain で配信してください。</translation>
    </message>
    <message>
      <source>_mta-sts.{domain} announces MTA-STS, but {url} is larger than {limit} bytes.</source>
      <translation>_mta-sts.{domain} は MTA-STS を告知していますが、{url} は {limit} バイトを超えています。</translation>
    </message>
    <message>
      <source>Keep the policy at {url} under {limit} bytes.</source>
      <translation>{url} のポリシーを {limit} バイト未満にしてください。</translation>
    </message>
    <message>
      <source>The MTA-STS policy at {url} is invalid: its {field} line is missing or wrong.</source>
      <translation>{url} の MTA-STS ポリシーは無効です。{field} の行がないか、誤っています。</translation>
    </message>
    <message>
      <source>Give the policy the lines version: STSv1, mode: (enforce, testing or none), mx: (one per MX host pattern) and max_age: (seconds).</source>
      <translation>ポリシーに version: STSv1、mode:（enforce、testing または none）、mx:（MX ホストのパターンごとに 1 行）、max_age:（秒数）の行を記述してください。</translation>
    </message>
    <message>
      <source>The MX host {host} of {domain} matches none of the mx: patterns ({patterns}) of the MTA-STS policy at {url} (mode {mode}).</source>
      <translation>{domain} の MX ホスト {host} は、{url} の MTA-STS ポリシー（モード {mode}）の mx: パターン（{patterns}）のどれにも一致しません。</translation>
    </message>
    <message>
      <source>List every MX host in the policy at {url}: {lines}</source>
      <translation>{url} のポリシーにすべての MX ホストを記載してください: {lines}</translation>
    </message>
    <message>
      <source>The MTA-STS policy of {domain} is in testing mode: it asks senders to report TLS failures, not to refuse unverified TLS.</source>
      <translation>{domain} の MTA-STS ポリシーはテストモードです。送信側に TLS の失敗の報告を求めるだけで、未検証の TLS での配送拒否は求めていません。</translation>
    </message>
    <message>
      <source>When the TLS reports show no failures, set mode: enforce in the policy at {url}.</source>
      <translation>TLS レポートで失敗がないことを確認したら、{url} のポリシーを mode: enforce にしてください。</translation>
    </message>
    <message>
      <source>The MTA-STS policy of {domain} has max_age {max_age} seconds, under one day.</source>
      <translation>{domain} の MTA-STS ポリシーの max_age は {max_age} 秒で、1 日未満です。</translation>
    </message>
    <message>
      <source>Set max_age to at least 604800 (one week) in the policy at {url}.</source>
      <translation>{url} のポリシーの max_age を 604800（1 週間）以上にしてください。</translation>
    </message>
    <message>
      <source>{domain} publishes no TLS-RPT record at _smtp._tls.{domain}.</source>
      <translation>{domain} は _smtp._tls.{domain} に TLS-RPT レコードを公開していません。</translation>
    </message>
    <message>
      <source>Publish at _smtp._tls.{domain} this TXT record: "{record}"</source>
      <translation>_smtp._tls.{domain} に次の TXT レコードを公開してください: "{record}"</translation>
    </message>
    <message>
      <source>_smtp._tls.{domain} has more than one v=TLSRPTv1 TXT record, so none is used.</source>
      <translation>_smtp._tls.{domain} に v=TLSRPTv1 の TXT レコードが複数あるため、どれも使われません。</translation>
    </message>
    <message>
      <source>Keep one v=TLSRPTv1 record at _smtp._tls.{domain}.</source>
      <translation>_smtp._tls.{domain} の v=TLSRPTv1 レコードを 1 つにしてください。</translation>
    </message>
    <message>
      <source>The _smtp._tls.{domain} TXT record "{record}" is not a valid v=TLSRPTv1 record.</source>
      <translation>_smtp._tls.{domain} の TXT レコード "{record}" は有効な v=TLSRPTv1 レコードではありません。</translation>
    </message>
    <message>
      <source>Publish at _smtp._tls.{domain} this TXT record: "{record_fixed}"</source>
      <translation>_smtp._tls.{domain} に次の TXT レコードを公開してください: "{record_fixed}"</translation>
    </message>
    <message>
      <source>The _smtp._tls.{domain} TXT record "{record}" names no rua= destination.</source>
      <translation>_smtp._tls.{domain} の TXT レコード "{record}" には rua= の送付先がありません。</translation>
    </message>
    <message>
      <source>The TLS-RPT destination {destination} in "{record}" is neither a mailto: address nor an https: URL.</source>
      <translation>"{record}" の TLS-RPT 送付先 {destination} は、mailto: アドレスでも https: URL でもありません。</translation>
    </message>
    <message>
      <source>The DNSSEC signatures of {name} ({rdtype}) in the zone {zone} do not validate ({reason}).</source>
      <translation>ゾーン {zone} にある {name}（{rdtype}）の DNSSEC 署名を検証できません（{reason}）。</translation>
    </message>
    <message>
      <source>Re-sign the zone {zone} and check that the DS at its parent matches its DNSKEY.</source>
      <translation>ゾーン {zone} を署名し直し、親ゾーンの DS がその DNSKEY と一致していることを確認してください。</translation>
    </message>
    <message>
      <source>The TLSA records of {host} ({records}) use PKIX-TA(0) or PKIX-EE(1), which SMTP senders do not use (RFC 7672).</source>
      <translation>{host} の TLSA レコード（{records}）は PKIX-TA(0) または PKIX-EE(1) を使っており、SMTP の送信側はこれを使いません（RFC 7672）。</translation>
    </message>
    <message>
      <source>Publish TLSA records with usage DANE-TA(2) or DANE-EE(3) at _25._tcp.{host}.</source>
      <translation>_25._tcp.{host} に、用途が DANE-TA(2) または DANE-EE(3) の TLSA レコードを公開してください。</translation>
    </message>
    <message>
      <source>{host} publishes TLSA records, but the answer is not DNSSEC-secure ({state}), so senders ignore them.</source>
      <translation>{host} は TLSA レコードを公開していますが、その応答が DNSSEC で安全ではない（{state}）ため、送信側は無視します。</translation>
    </message>
    <message>
      <source>Sign the zone of {host} with DNSSEC and publish its DS at the parent.</source>
      <translation>{host} のゾーンを DNSSEC で署名し、親ゾーンに DS を公開してください。</translation>
    </message>
    <message>
      <source>Sending servers that honour MTA-STS refuse to deliver to {host}: mail routed there stays queued, then bounces.</source>
      <translation>MTA-STS に従う送信サーバーは {host} への配送を拒否します。そこへ向かうメールはキューに残り、やがて返送されます。</translation>
    </message>
    <message>
      <source>{host} ({address}) does not offer STARTTLS.</source>
      <translation>{host}（{address}）は STARTTLS を提供していません。</translation>
    </message>
    <message>
      <source>Offer STARTTLS on {host}, with a certificate that names {host}.</source>
      <translation>{host} で STARTTLS を提供し、{host} の名前を含む証明書を使ってください。</translation>
    </message>
    <message>
      <source>{host} ({address}) offers STARTTLS but refuses to start it ({reply}).</source>
      <translation>{host}（{address}）は STARTTLS を提示していますが、開始を拒否します（{reply}）。</translation>
    </message>
    <message>
      <source>Make STARTTLS work on {host}, with a certificate that names {host}.</source>
      <translation>{host} で STARTTLS が動作するようにし、{host} の名前を含む証明書を使ってください。</translation>
    </message>
    <message>
      <source>The certificate {host} ({address}) presents is not trusted: issued by {issuer} ({reason}).</source>
      <translation>{host}（{address}）が提示する証明書は信頼されていません。発行者は {issuer} です（{reason}）。</translation>
    </message>
    <message>
      <source>Install on {host} a certificate from a public certification authority, with its intermediate certificates.</source>
      <translation>{host} に、公的な認証局が発行した証明書を中間証明書とともに設定してください。</translation>
    </message>
    <message>
      <source>The certificate {host} ({address}) presents expired on {not_after}.</source>
      <translation>{host}（{address}）が提示する証明書は {not_after} に期限切れになっています。</translation>
    </message>
    <message>
      <source>Renew the certificate of {host}.</source>
      <translation>{host} の証明書を更新してください。</translation>
    </message>
    <message>
      <source>The certificate {host} ({address}) presents is for {names}, not for {host}.</source>
      <translation>{host}（{address}）が提示する証明書は {names} 用で、{host} 用ではありません。</translation>
    </message>
    <message>
      <source>Install on {host} a certificate that names {host}.</source>
      <translation>{host} に、{host} の名前を含む証明書を設定してください。</translation>
    </message>
    <message>
      <source>The certificate {host} ({address}) presents ({subject}) matches none of the TLSA records at _25._tcp.{host}.</source>
      <translation>{host}（{address}）が提示する証明書（{subject}）は、_25._tcp.{host} のどの TLSA レコードとも一致しません。</translation>
    </message>
    <message>
      <source>Publish at _25._tcp.{host} a TLSA record for the certificate {host} presents (or install the certificate the record names).</source>
      <translation>_25._tcp.{host} に、{host} が提示する証明書の TLSA レコードを公開してください（または、レコードが示す証明書を設定してください）。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} did not answer within {seconds} s (at {stage}).</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} は {seconds} 秒以内に応答しませんでした（{stage} の段階）。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} refused the connection to port {port}.</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} はポート {port} への接続を拒否しました。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} could not be reached on port {port}: {reason}.</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} のポート {port} に到達できませんでした：{reason}。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} closed the connection (at {stage}).</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} が接続を閉じました（{stage} の段階）。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} sent something that is not an SMTP reply (at {stage}).</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} が SMTP の応答ではないものを送ってきました（{stage} の段階）。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} greeted with {reply}: it does not take mail from the probe.</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} は {reply} で応答し、調査からのメールを受け付けません。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: {address} answered {reply} to {command}.</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} は {command} に {reply} と応答しました。</translation>
    </message>
    <message>
      <source>The STARTTLS probe of {host} did not finish: the TLS handshake with {address} failed ({reason}).</source>
      <translation>{host} の STARTTLS 調査は完了しませんでした。{address} との TLS ハンドシェイクに失敗しました（{reason}）。</translation>
    </message>
    <message>
      <source>Sending servers that honour {policy} refuse to deliver to {host}: mail routed there stays queued, then bounces.</source>
      <translation>{policy} に従う送信サーバーは {host} への配送を拒否します。そこへ向かうメールはキューに残り、やがて返送されます。</translation>
    </message>
    <message>
      <source>Sending servers still deliver to {host}, in the clear.</source>
      <translation>送信サーバーはそれでも {host} へ配送しますが、暗号化されません。</translation>
    </message>
    <message>
      <source>Sending servers still deliver to {host}, encrypted but without verifying the server.</source>
      <translation>送信サーバーはそれでも {host} へ配送しますが、暗号化はしてもサーバーを検証しません。</translation>
    </message>
    <message>
      <source>{item} is listed on the DNS blocklist {list} ({codes}: {meaning}); its reason: {reason}. Receivers that use this list refuse or flag mail from it.</source>
      <translation>{item} は DNS ブロックリスト {list} に掲載されています（{codes}: {meaning}）。理由: {reason}。このリストを使う受信側は、ここからのメールを拒否するか迷惑メールにします。</translation>
    </message>
    <message>
      <source>Find and stop what got {item} listed, then request delisting at {delist}.</source>
      <translation>{item} が掲載された原因を突き止めて止め、{delist} で掲載解除を申請してください。</translation>
    </message>
    <message>
      <source>Find and stop what got {item} listed, then ask the operator of {list} to delist it.</source>
      <translation>{item} が掲載された原因を突き止めて止め、{list} の運営者に掲載解除を依頼してください。</translation>
    </message>
    <message>
      <source>The DNS blocklist {list} refused the query for {item} ({codes}): it does not answer public or open resolvers, or too many queries came from this one. That answer says nothing about a listing.</source>
      <translation>DNS ブロックリスト {list} は {item} の問い合わせを拒否しました（{codes}）。公開リゾルバーやオープンリゾルバーには応答しないか、このリゾルバーからの問い合わせが多すぎます。この応答は掲載の有無について何も示しません。</translation>
    </message>
    <message>
      <source>Ask {list} through your own resolver (not a public one such as 8.8.8.8), or look {item} up on the list's web site.</source>
      <translation>{list} には自分のリゾルバー（8.8.8.8 のような公開リゾルバーではないもの）から問い合わせるか、リストのウェブサイトで {item} を調べてください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} could not be looked up ({outcome}): receivers show no logo while it does not answer.</source>
      <translation>{name} の BIMI レコードを引けませんでした（{outcome}）: 応答がない間、受信側はロゴを表示しません。</translation>
    </message>
    <message>
      <source>Check the name servers of the domain, or try again with another resolver.</source>
      <translation>ドメインのネームサーバーを確認するか、別のリゾルバーでもう一度試してください。</translation>
    </message>
    <message>
      <source>{name} publishes {count} BIMI records: receivers use none of them.</source>
      <translation>{name} に BIMI レコードが {count} 件あります: 受信側はどれも使いません。</translation>
    </message>
    <message>
      <source>Keep exactly one TXT record starting with v=BIMI1 at {name}.</source>
      <translation>{name} には v=BIMI1 で始まる TXT レコードを 1 件だけ置いてください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} does not start with &quot;v=BIMI1&quot;: &quot;{record}&quot;.</source>
      <translation>{name} の BIMI レコードが &quot;v=BIMI1&quot; で始まっていません: &quot;{record}&quot;。</translation>
    </message>
    <message>
      <source>Begin the record with &quot;v=BIMI1;&quot;.</source>
      <translation>レコードを &quot;v=BIMI1;&quot; で始めてください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} has a term that is not tag=value: &quot;{term}&quot;.</source>
      <translation>{name} の BIMI レコードに tag=value の形でない項目があります: &quot;{term}&quot;。</translation>
    </message>
    <message>
      <source>Write the record as &quot;v=BIMI1; l=https://...; a=https://...&quot; with &quot;;&quot; between tags.</source>
      <translation>レコードはタグの間を &quot;;&quot; で区切って &quot;v=BIMI1; l=https://...; a=https://...&quot; の形で書いてください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} gives the tag {tag}= twice: &quot;{record}&quot;.</source>
      <translation>{name} の BIMI レコードでタグ {tag}= が 2 回指定されています: &quot;{record}&quot;。</translation>
    </message>
    <message>
      <source>Keep one {tag}= in the record.</source>
      <translation>レコードの {tag}= は 1 つだけにしてください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} gives {tag}={uri}, which is not an https URL.</source>
      <translation>{name} の BIMI レコードの {tag}={uri} は https の URL ではありません。</translation>
    </message>
    <message>
      <source>Serve the file over HTTPS and give its https:// URL in {tag}=.</source>
      <translation>ファイルを HTTPS で配信し、{tag}= にその https:// の URL を指定してください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} gives {tag}= a value that is not a usable URL: &quot;{uri}&quot;.</source>
      <translation>{name} の BIMI レコードの {tag}= の値は使える URL ではありません: &quot;{uri}&quot;。</translation>
    </message>
    <message>
      <source>Give a plain https://host/path URL in {tag}=.</source>
      <translation>{tag}= には https://ホスト/パス の形の URL を指定してください。</translation>
    </message>
    <message>
      <source>The BIMI record at {name} gives neither a logo (l=) nor a certificate (a=): &quot;{record}&quot;.</source>
      <translation>{name} の BIMI レコードにはロゴ（l=）も証明書（a=）もありません: &quot;{record}&quot;。</translation>
    </message>
    <message>
      <source>Add l=https://.../logo.svg, or publish &quot;v=BIMI1; l=; a=;&quot; to decline BIMI.</source>
      <translation>l=https://.../logo.svg を加えるか、BIMI を使わないなら &quot;v=BIMI1; l=; a=;&quot; を公開してください。</translation>
    </message>
    <message>
      <source>{host} has no address ({outcome}): the BIMI file cannot be fetched.</source>
      <translation>{host} にはアドレスがありません（{outcome}）: BIMI のファイルを取得できません。</translation>
    </message>
    <message>
      <source>Give {host} an A or AAAA record, or point the BIMI record at a host that has one.</source>
      <translation>{host} に A または AAAA レコードを設定するか、BIMI レコードでアドレスのあるホストを指定してください。</translation>
    </message>
    <message>
      <source>The HTTPS certificate of {host} is not valid ({reason}): {url} cannot be fetched.</source>
      <translation>{host} の HTTPS 証明書が有効ではありません（{reason}）: {url} を取得できません。</translation>
    </message>
    <message>
      <source>Install a certificate for {host} from a public certificate authority.</source>
      <translation>{host} に公的な認証局の証明書を設定してください。</translation>
    </message>
    <message>
      <source>No HTTPS connection to {host} could be made: {url} cannot be fetched.</source>
      <translation>{host} に HTTPS で接続できませんでした: {url} を取得できません。</translation>
    </message>
    <message>
      <source>Make sure {host} serves HTTPS on port 443.</source>
      <translation>{host} がポート 443 で HTTPS を提供していることを確認してください。</translation>
    </message>
    <message>
      <source>{url} did not arrive within {seconds} s.</source>
      <translation>{url} は {seconds} 秒以内に届きませんでした。</translation>
    </message>
    <message>
      <source>Make sure the server of the BIMI file answers quickly.</source>
      <translation>BIMI のファイルを配信するサーバーがすぐに応答するようにしてください。</translation>
    </message>
    <message>
      <source>{url} answered with HTTP status {status} instead of the file.</source>
      <translation>{url} はファイルではなく HTTP ステータス {status} を返しました。</translation>
    </message>
    <message>
      <source>Publish the file at that URL, or correct the URL in the BIMI record.</source>
      <translation>その URL にファイルを公開するか、BIMI レコードの URL を直してください。</translation>
    </message>
    <message>
      <source>{url} redirects (HTTP {status}) to {location}; receivers do not follow redirects for BIMI files.</source>
      <translation>{url} は {location} へリダイレクトします（HTTP {status}）。受信側は BIMI のファイルのリダイレクトをたどりません。</translation>
    </message>
    <message>
      <source>Give the final URL in the BIMI record.</source>
      <translation>BIMI レコードにはリダイレクト先の最終的な URL を指定してください。</translation>
    </message>
    <message>
      <source>{url} is not a PEM certificate: receivers cannot read the mark certificate.</source>
      <translation>{url} は PEM 形式の証明書ではありません: 受信側はマーク証明書を読めません。</translation>
    </message>
    <message>
      <source>Publish the VMC or CMC as issued, in PEM form (BEGIN CERTIFICATE).</source>
      <translation>発行された VMC または CMC を PEM 形式（BEGIN CERTIFICATE）で公開してください。</translation>
    </message>
    <message>
      <source>Whether {domain} may show a BIMI logo is unknown: its DMARC policy was not looked up.</source>
      <translation>{domain} が BIMI のロゴを表示できるかは不明です: DMARC ポリシーを調べていません。</translation>
    </message>
    <message>
      <source>{domain} cannot show a BIMI logo while its DMARC policy cannot be looked up.</source>
      <translation>{domain} の DMARC ポリシーを引けない間は BIMI のロゴは表示されません。</translation>
    </message>
    <message>
      <source>Check the name servers of {domain}, or try again with another resolver.</source>
      <translation>{domain} のネームサーバーを確認するか、別のリゾルバーでもう一度試してください。</translation>
    </message>
    <message>
      <source>{domain} publishes no DMARC policy: receivers show no BIMI logo without one.</source>
      <translation>{domain} は DMARC ポリシーを公開していません: DMARC がなければ受信側は BIMI のロゴを表示しません。</translation>
    </message>
    <message>
      <source>Publish at _dmarc.{domain} a policy such as &quot;v=DMARC1; p=quarantine&quot;.</source>
      <translation>_dmarc.{domain} に &quot;v=DMARC1; p=quarantine&quot; のようなポリシーを公開してください。</translation>
    </message>
    <message>
      <source>The DMARC policy of {domain} is p={policy}: BIMI needs p=quarantine or p=reject.</source>
      <translation>{domain} の DMARC ポリシーは p={policy} です: BIMI には p=quarantine か p=reject が必要です。</translation>
    </message>
    <message>
      <source>Once your mail passes DMARC, raise the policy at _dmarc.{domain} to p=quarantine or p=reject.</source>
      <translation>メールが DMARC に合格するようになったら、_dmarc.{domain} のポリシーを p=quarantine か p=reject に上げてください。</translation>
    </message>
    <message>
      <source>The DMARC policy of {domain} applies to {pct}% of mail only: BIMI needs pct=100.</source>
      <translation>{domain} の DMARC ポリシーはメールの {pct}% にしか適用されません: BIMI には pct=100 が必要です。</translation>
    </message>
    <message>
      <source>Remove pct= from the record at _dmarc.{domain} (or set pct=100).</source>
      <translation>_dmarc.{domain} のレコードから pct= を外してください（または pct=100 にしてください）。</translation>
    </message>
    <message>
      <source>The DMARC policy of {domain} has sp=none: BIMI needs subdomains to be covered too.</source>
      <translation>{domain} の DMARC ポリシーは sp=none です: BIMI にはサブドメインも対象にすることが必要です。</translation>
    </message>
    <message>
      <source>Remove sp=none from the record at _dmarc.{domain}, or set sp=quarantine or sp=reject.</source>
      <translation>_dmarc.{domain} のレコードから sp=none を外すか、sp=quarantine か sp=reject にしてください。</translation>
    </message>
    <message>
      <source>The DMARC policy of {domain} is in testing mode (t=y): BIMI needs it enforced.</source>
      <translation>{domain} の DMARC ポリシーはテストモード（t=y）です: BIMI には適用中のポリシーが必要です。</translation>
    </message>
    <message>
      <source>Remove t=y from the record at _dmarc.{domain}.</source>
      <translation>_dmarc.{domain} のレコードから t=y を外してください。</translation>
    </message>
    <message>
      <source>The BIMI logo {url} breaks the SVG Tiny Portable/Secure profile ({violations}): receivers do not show it.</source>
      <translation>BIMI のロゴ {url} は SVG Tiny Portable/Secure プロファイルに違反しています（{violations}）: 受信側は表示しません。</translation>
    </message>
    <message>
      <source>Export the logo as SVG Tiny PS: baseProfile=&quot;tiny-ps&quot; version=&quot;1.2&quot;, a &lt;title&gt;, a square viewBox, no scripts or external references, at most 32 KiB.</source>
      <translation>ロゴを SVG Tiny PS で書き出してください: baseProfile=&quot;tiny-ps&quot; version=&quot;1.2&quot;、&lt;title&gt; あり、正方形の viewBox、スクリプトや外部参照なし、32 KiB 以下。</translation>
    </message>
    <message>
      <source>The BIMI mark certificate {url} expired on {not_after}: receivers that require one show no logo.</source>
      <translation>BIMI のマーク証明書 {url} は {not_after} に期限切れになりました: 証明書を求める受信側はロゴを表示しません。</translation>
    </message>
    <message>
      <source>Renew the VMC or CMC with its issuer and publish the new PEM at the same URL.</source>
      <translation>発行元で VMC または CMC を更新し、新しい PEM を同じ URL に公開してください。</translation>
    </message>
    <message>
      <source>{url} is larger than {limit} octets: it is not a mark certificate.</source>
      <translation>{url} は {limit} オクテットを超えています: マーク証明書ではありません。</translation>
    </message>
    <message>
      <source>Publish the VMC or CMC as issued, in PEM form, at that URL.</source>
      <translation>発行された VMC または CMC を PEM 形式でその URL に公開してください。</translation>
    </message>
  </context>
  <context>
    <name>Findings</name>
    <message>
      <source>checked with that record: {results}</source>
      <translation>このレコードで確認済み: {results}</translation>
    </message>
    <message>
      <source>with that fix the mail is: {disposition}</source>
      <translation>この修正を行った場合のメールの扱い: {disposition}</translation>
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
    <message>
      <source>Copy Record (name, type and value)</source>
      <translation>レコードをコピー（名前・タイプ・値）</translation>
    </message>
    <message>
      <source>Copy Name</source>
      <translation>名前をコピー</translation>
    </message>
    <message>
      <source>Copy Type</source>
      <translation>タイプをコピー</translation>
    </message>
    <message>
      <source>Copy Value</source>
      <translation>値をコピー</translation>
    </message>
    <message>
      <source>What does this &amp;mean?</source>
      <translation>これはどういう意味？(&amp;M)</translation>
    </message>
    <message>
      <source>What does this mean?</source>
      <translation>これはどういう意味？</translation>
    </message>
    <message>
      <source>Explains the selected finding in the glossary (Help → Glossary)</source>
      <translation>選択した指摘事項を用語集で説明します（ヘルプ → 用語集）</translation>
    </message>
    <message>
      <source>Name: {name} · Type: {type} (arrow: copy each)</source>
      <translation>名前: {name}・タイプ: {type}（▼ で個別にコピー）</translation>
    </message>
    <message>
      <source>Copy fix</source>
      <translation>修正案をコピー</translation>
    </message>
  </context>
  <context>
    <name>Glossary</name>
    <message>
      <source>Open &amp;Example: Mail Marked Unverified</source>
      <translation>例を開く(&amp;E)：未認証と表示されたメール</translation>
    </message>
    <message>
      <source>&amp;Glossary of Terms</source>
      <translation>用語集(&amp;G)</translation>
    </message>
    <message>
      <source>Reference: {rfc}</source>
      <translation>参照：{rfc}</translation>
    </message>
    <message>
      <source>What to do: {advice}</source>
      <translation>対処：{advice}</translation>
    </message>
  </context>
  <context>
    <name>GlossaryDialog</name>
    <message>
      <source>Glossary</source>
      <translation>用語集</translation>
    </message>
    <message>
      <source>Type to filter the terms</source>
      <translation>入力して用語を絞り込み</translation>
    </message>
    <message>
      <source>Filter</source>
      <translation>絞り込み</translation>
    </message>
    <message>
      <source>Terms</source>
      <translation>用語</translation>
    </message>
    <message>
      <source>Explanation</source>
      <translation>説明</translation>
    </message>
    <message>
      <source>No term matches “{text}”.</source>
      <translation>「{text}」に一致する用語はありません。</translation>
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
      <message>
      <source>verified TLS (DANE, MTA-STS)</source>
      <translation>検証された TLS（DANE、MTA-STS）</translation>
    </message>
    <message>
      <source>TLS if offered, unverified</source>
      <translation>提供されれば TLS、検証なし</translation>
    </message>
    <message>
      <source>recipient's policy makes delivery fail</source>
      <translation>受信者のポリシーにより配送が失敗</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>System resolver</source>
      <translation>システムのリゾルバー</translation>
    </message>
    <message>
      <source>Mail route explorer</source>
      <translation>メール経路エクスプローラー</translation>
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
      <source>DNS resolver: system, a server IP[:PORT], DNS over HTTPS (e.g. https://dns.example/dns-query) or DNS over TLS (e.g. tls://192.0.2.53#dns.example)</source>
      <translation>DNS リゾルバー: システム、サーバーの IP[:ポート]、DNS over HTTPS（例: https://dns.example/dns-query）または DNS over TLS（例: tls://192.0.2.53#dns.example）</translation>
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
      <source>STARTTLS</source>
      <translation>STARTTLS</translation>
    </message>
    <message>
      <source>Also connect to port 25 of the recipient's MX hosts to see whether they offer STARTTLS and which certificate they present (never sends mail)</source>
      <translation>受信者の MX ホストのポート 25 にも接続し、STARTTLS を提供しているか、どの証明書を提示するかを調べます（メールは送りません）</translation>
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
Or open a received message (File → Open Message), or drop it here.
Help → Open Example shows a complete route without network.</source>
      <translation>送信者と受信者を入力して Enter を押してください。
受信したメッセージを開く（ファイル → 受信メッセージを開く）か、ここにドロップすることもできます。
ヘルプ → 例を開く で、ネットワークなしで経路の例を表示できます。</translation>
    </message>
    <message>
      <source>the dropped message</source>
      <translation>ドロップされたメッセージ</translation>
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
      <source>&amp;Export SVG…</source>
      <translation>SVG に書き出し(&amp;E)…</translation>
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
      <source>Restore All &amp;MX Hosts</source>
      <translation>すべての MX を復旧(&amp;M)</translation>
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
      <source>e.g. you@example.com</source>
      <translation>例: you@example.com</translation>
    </message>
    <message>
      <source>&amp;Recipient</source>
      <translation>受信者(&amp;R)</translation>
    </message>
    <message>
      <source>e.g. gmail.com</source>
      <translation>例: gmail.com</translation>
    </message>
    <message>
      <source>Sending hos&amp;t (optional)</source>
      <translation>送信ホスト(&amp;T)（省略可）</translation>
    </message>
    <message>
      <source>e.g. smtp.example.com</source>
      <translation>例: smtp.example.com</translation>
    </message>
    <message>
      <source>Res&amp;olver</source>
      <translation>リゾルバー(&amp;O)</translation>
    </message>
    <message>
      <source>e.g. system, 192.0.2.53:53, https://dns.example/dns-query or tls://192.0.2.53#dns.example</source>
      <translation>例: システム、192.0.2.53:53、https://dns.example/dns-query または tls://192.0.2.53#dns.example</translation>
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
      <source>DKIM selectors whose keys to check at the sender's domain, separated by commas or spaces (optional)</source>
      <translation>送信者のドメインで鍵を確認する DKIM セレクター。カンマまたは空白で区切る（省略可）</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>メッセージ</translation>
    </message>
    <message>
      <source>Open &amp;Message…</source>
      <translation>受信メッセージを開く(&amp;M)…</translation>
    </message>
    <message>
      <source>Paste Message Sour&amp;ce…</source>
      <translation>メッセージのソースを貼り付け(&amp;C)…</translation>
    </message>
    <message>
      <source>Cannot read the message</source>
      <translation>メッセージを読み込めません</translation>
    </message>
    <message>
      <source>Open Message</source>
      <translation>受信メッセージを開く</translation>
    </message>
    <message>
      <source>Mail messages (*.eml *.msg.txt *.txt);;All files (*)</source>
      <translation>メールメッセージ (*.eml *.msg.txt *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
      <source>the pasted message</source>
      <translation>貼り付けたメッセージ</translation>
    </message>
    <message>
      <source>&amp;DKIM selectors (optional)</source>
      <translation>DKIM セレクター(&amp;D)（省略可）</translation>
    </message>
    <message>
      <source>e.g. selector1, google</source>
      <translation>例: selector1, google</translation>
    </message>
    <message>
      <source>Cannot read {path}: {reason}</source>
      <translation>{path} を読み込めません: {reason}</translation>
    </message>
    <message>
      <source>It is not a message mailpath can read ({error}).</source>
      <translation>mailpath が読めるメッセージではありません（{error}）。</translation>
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
    <message>
      <source>Open Example &amp;Received Message: Mail Marked Unverified</source>
      <translation>受信メッセージの例を開く(&amp;R)：未認証と表示されたメール</translation>
    </message>
  </context>
  <context>
    <name>MessagePanel</name>
    <message>
      <source>unknown</source>
      <translation>不明</translation>
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
      <source>not understood: shown as written</source>
      <translation>解析できないため原文のまま表示</translation>
    </message>
    <message>
      <source>entered the recipient's servers here</source>
      <translation>ここで受信者側のサーバーに入りました</translation>
    </message>
    <message>
      <source>earlier than the hop before: the servers' clocks disagree</source>
      <translation>前の中継より早い時刻です（サーバー間の時計のずれ）</translation>
    </message>
    <message>
      <source>Received header as written:</source>
      <translation>Received ヘッダーの原文:</translation>
    </message>
    <message>
      <source>Open a received message (File → Open message…) to see the path it really took</source>
      <translation>受信したメッセージを開くと（ファイル → メッセージを開く…）、実際にたどった経路を表示します</translation>
    </message>
    <message>
      <source>Ho&amp;ps, oldest first</source>
      <translation>受信経路の中継（古い順）(&amp;P)</translation>
    </message>
    <message>
      <source>Hops of the received message</source>
      <translation>受信したメッセージの中継</translation>
    </message>
    <message>
      <source>A&amp;uthentication</source>
      <translation>認証(&amp;U)</translation>
    </message>
    <message>
      <source>Authentication of the received message</source>
      <translation>受信したメッセージの認証結果</translation>
    </message>
    <message>
      <source>DMARC not evaluated</source>
      <translation>DMARC は評価されていません</translation>
    </message>
    <message>
      <source>Policy applied: none (delivered as usual)</source>
      <translation>適用されたポリシー: none（通常どおり配送）</translation>
    </message>
    <message>
      <source>Policy applied: quarantine (spam folder)</source>
      <translation>適用されたポリシー: quarantine（迷惑メールフォルダー）</translation>
    </message>
    <message>
      <source>Policy applied: reject</source>
      <translation>適用されたポリシー: reject（受信拒否）</translation>
    </message>
    <message>
      <source>DKIM signatures</source>
      <translation>DKIM 署名</translation>
    </message>
    <message>
      <source>ARC</source>
      <translation>ARC</translation>
    </message>
    <message>
      <source>Authentication-Results (as the receiver recorded)</source>
      <translation>Authentication-Results（受信側の記録）</translation>
    </message>
    <message>
      <source>{n} s</source>
      <translation>{n} 秒</translation>
    </message>
    <message>
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <source>From</source>
      <translation>送信元</translation>
    </message>
    <message>
      <source>By</source>
      <translation>受信サーバー</translation>
    </message>
    <message>
      <source>Protocol</source>
      <translation>プロトコル</translation>
    </message>
    <message>
      <source>TLS</source>
      <translation>TLS</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>時刻</translation>
    </message>
    <message>
      <source>Delay</source>
      <translation>遅延</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>備考</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>検査</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>詳細</translation>
    </message>
    <message>
      <source>aligned by SPF and DKIM</source>
      <translation>SPF と DKIM の両方で整合</translation>
    </message>
    <message>
      <source>1 hop</source>
      <translation>中継 1 件</translation>
    </message>
    <message>
      <source>{count} hops</source>
      <translation>中継 {count} 件</translation>
    </message>
    <message>
      <source>This hop was encrypted (TLS).</source>
      <translation>この中継は暗号化されていました（TLS）。</translation>
    </message>
    <message>
      <source>This hop was not encrypted.</source>
      <translation>この中継は暗号化されていませんでした。</translation>
    </message>
    <message>
      <source>The header does not say whether TLS was used.</source>
      <translation>TLS が使われたかどうかはヘッダーに記録されていません。</translation>
    </message>
    <message>
      <source>DMARC</source>
      <translation>DMARC</translation>
    </message>
    <message>
      <source>none</source>
      <translation>なし</translation>
    </message>
    <message>
      <source>The message carries no DKIM signature.</source>
      <translation>このメッセージには DKIM 署名がありません。</translation>
    </message>
    <message>
      <source>no ARC sets in the message</source>
      <translation>メッセージに ARC セットはありません</translation>
    </message>
    <message>
      <source>domain (d=)</source>
      <translation>ドメイン（d=）</translation>
    </message>
    <message>
      <source>selector (s=)</source>
      <translation>セレクター（s=）</translation>
    </message>
    <message>
      <source>algorithm</source>
      <translation>アルゴリズム</translation>
    </message>
    <message>
      <source>key size</source>
      <translation>鍵長</translation>
    </message>
    <message>
      <source>aligned with From</source>
      <translation>From と整合</translation>
    </message>
    <message>
      <source>body length limit (l=)</source>
      <translation>本文の長さ制限（l=）</translation>
    </message>
    <message>
      <source>1 result</source>
      <translation>結果 1 件</translation>
    </message>
    <message>
      <source>{count} results</source>
      <translation>結果 {count} 件</translation>
    </message>
    <message>
      <source>{n} min</source>
      <translation>{n} 分</translation>
    </message>
    <message>
      <source>aligned by SPF</source>
      <translation>SPF で整合</translation>
    </message>
    <message>
      <source>DMARC {result} for {domain}: {how}</source>
      <translation>{domain} の DMARC {result}: {how}</translation>
    </message>
    <message>
      <source>From: {domain}</source>
      <translation>送信元（From）: {domain}</translation>
    </message>
    <message>
      <source>Envelope sender: {domain}</source>
      <translation>エンベロープ送信者: {domain}</translation>
    </message>
    <message>
      <source>Policy applied: {disposition}</source>
      <translation>適用されたポリシー: {disposition}</translation>
    </message>
    <message>
      <source>aligned by DKIM</source>
      <translation>DKIM で整合</translation>
    </message>
    <message>
      <source>policy domain</source>
      <translation>ポリシーのドメイン</translation>
    </message>
    <message>
      <source>not evaluated</source>
      <translation>未評価</translation>
    </message>
    <message>
      <source>1 signature</source>
      <translation>署名 1 件</translation>
    </message>
    <message>
      <source>{count} signatures</source>
      <translation>署名 {count} 件</translation>
    </message>
    <message>
      <source>1 instance</source>
      <translation>1 組</translation>
    </message>
    <message>
      <source>{count} instances</source>
      <translation>{count} 組</translation>
    </message>
    <message>
      <source>1 header</source>
      <translation>ヘッダー 1 件</translation>
    </message>
    <message>
      <source>{count} headers</source>
      <translation>ヘッダー {count} 件</translation>
    </message>
    <message>
      <source>not aligned with From</source>
      <translation>From と整合せず</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>by {authserv_id}</source>
      <translation>記録者 {authserv_id}</translation>
    </message>
    <message>
      <source>aligned by neither SPF nor DKIM</source>
      <translation>SPF でも DKIM でも整合せず</translation>
    </message>
    <message>
      <source>&lt;&gt; (bounce)</source>
      <translation>&lt;&gt;（エラーメール）</translation>
    </message>
    <message>
      <source>handed to the recipient by {host}</source>
      <translation>{host} から受信者側へ引き渡し</translation>
    </message>
    <message>
      <source>{name} (HELO {helo})</source>
      <translation>{name}（HELO {helo}）</translation>
    </message>
    <message>
      <source>disposition</source>
      <translation>処置</translation>
    </message>
    <message>
      <source>{bits}-bit key</source>
      <translation>{bits} ビット鍵</translation>
    </message>
    <message>
      <source>Only the first {limit} bytes of the body are signed: anyone can append text to this message without breaking the signature.</source>
      <translation>本文の先頭 {limit} バイトしか署名されていません。署名を壊さずに誰でも本文に追記できます。</translation>
    </message>
    <message>
      <source>{h} h {m} min</source>
      <translation>{h} 時間 {m} 分</translation>
    </message>
    <message>
      <source>{h} h</source>
      <translation>{h} 時間</translation>
    </message>
    <message>
      <source>{d} d {h} h</source>
      <translation>{d} 日 {h} 時間</translation>
    </message>
    <message>
      <source>{d} d</source>
      <translation>{d} 日</translation>
    </message>
    <message>
      <source>{bits} bits</source>
      <translation>{bits} ビット</translation>
    </message>
    <message>
      <source>reason: {reason}</source>
      <translation>理由: {reason}</translation>
    </message>
  </context>
  <context>
    <name>MessagePanelTls</name>
    <message>
      <source>yes</source>
      <translation>あり</translation>
    </message>
    <message>
      <source>no</source>
      <translation>なし</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>不明</translation>
    </message>
  </context>
  <context>
    <name>PasteMessage</name>
    <message>
      <source>Paste a received message</source>
      <translation>受信したメッセージを貼り付け</translation>
    </message>
    <message>
      <source>Message &amp;source:</source>
      <translation>メッセージのソース(&amp;S):</translation>
    </message>
    <message>
      <source>Message source</source>
      <translation>メッセージのソース</translation>
    </message>
    <message>
      <source>Received: from …
DKIM-Signature: v=1; …
From: …
…</source>
      <translation>Received: from …
DKIM-Signature: v=1; …
From: …
…</translation>
    </message>
    <message>
      <source>&amp;Read message</source>
      <translation>メッセージを読み込む(&amp;R)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <source>&amp;Paste from clipboard</source>
      <translation>クリップボードから貼り付け(&amp;P)</translation>
    </message>
    <message>
      <source>Nothing pasted yet.</source>
      <translation>まだ何も貼り付けられていません。</translation>
    </message>
    <message>
      <source>Paste the whole source of a message you received, headers first. Where to find it:</source>
      <translation>受信したメッセージのソース全体を、ヘッダーから始めて貼り付けてください。ソースの表示方法:</translation>
    </message>
    <message>
      <source>• Gmail: ⋮ (More) → "Show original" → "Copy to clipboard"</source>
      <translation>• Gmail: ⋮（その他）→「メッセージのソースを表示」→「クリップボードにコピー」</translation>
    </message>
    <message>
      <source>• Outlook on the web: … → View → "View message source"</source>
      <translation>• Outlook on the web: … →［表示］→「メッセージのソースを表示」</translation>
    </message>
    <message>
      <source>• Outlook desktop: File → Properties → Internet headers (headers only: the DKIM body check is then impossible)</source>
      <translation>• Outlook デスクトップ版: ファイル → プロパティ → インターネット ヘッダー（ヘッダーのみのため、DKIM の本文の検証はできません）</translation>
    </message>
    <message>
      <source>• Thunderbird: View → Message Source (Ctrl+U)</source>
      <translation>• Thunderbird: 表示 → メッセージのソース（Ctrl+U）</translation>
    </message>
    <message>
      <source>This does not look like a message: it must start with header lines such as "Received: from …".</source>
      <translation>メッセージではないようです。「Received: from …」のようなヘッダー行で始まる必要があります。</translation>
    </message>
    <message>
      <source>Looks like a message: headers and body.</source>
      <translation>メッセージのようです（ヘッダーと本文）。</translation>
    </message>
    <message>
      <source>Looks like headers only: DKIM signatures cannot be checked against the body.</source>
      <translation>ヘッダーのみのようです。DKIM 署名を本文と照合できません。</translation>
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
      <source>{text}</source>
      <translation>{text}</translation>
    </message>
    <message>
      <source>{items}</source>
      <translation>{items}</translation>
    </message>
    <message>
      <source>transport</source>
      <translation>暗号化</translation>
    </message>
    <message>
      <source>closed lock: verified TLS (DANE)</source>
      <translation>閉じた錠：検証された TLS（DANE）</translation>
    </message>
    <message>
      <source>closed lock: verified TLS (MTA-STS enforce)</source>
      <translation>閉じた錠：検証された TLS（MTA-STS enforce）</translation>
    </message>
    <message>
      <source>open lock: MTA-STS enforce demands verified TLS; its certificate was not checked</source>
      <translation>開いた錠：MTA-STS enforce は検証された TLS を求めていますが、証明書は確認していません</translation>
    </message>
    <message>
      <source>red: the recipient's own policy makes delivery fail ({basis})</source>
      <translation>赤：受信者自身のポリシーにより配送が失敗します（{basis}）</translation>
    </message>
    <message>
      <source>open lock: TLS if offered, unverified</source>
      <translation>開いた錠：提供されれば TLS、検証なし</translation>
    </message>
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
      <source>Forwarder</source>
      <translation>転送サーバー</translation>
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
      <source>MX {pref}</source>
      <translation>MX 優先度 {pref}</translation>
    </message>
    <message>
      <source>MX of {domain}</source>
      <translation>{domain} の MX</translation>
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
      <source>does not exist (NXDOMAIN)</source>
      <translation>存在しない (NXDOMAIN)</translation>
    </message>
    <message>
      <source>broken null MX ({pref} .)</source>
      <translation>壊れた null MX ({pref} .)</translation>
    </message>
    <message>
      <source>lookup failed</source>
      <translation>問い合わせ失敗</translation>
    </message>
    <message>
      <source>lookup failed: {failure}</source>
      <translation>問い合わせ失敗: {failure}</translation>
    </message>
    <message>
      <source>IPv{family} {address}</source>
      <translation>IPv{family} {address}</translation>
    </message>
    <message>
      <source>SPF {result}</source>
      <translation>SPF {result}</translation>
    </message>
    <message>
      <source>FCrDNS ok</source>
      <translation>FCrDNS 一致</translation>
    </message>
    <message>
      <source>FCrDNS fails</source>
      <translation>FCrDNS 不一致</translation>
    </message>
    <message>
      <source>DNS: MX {domain}</source>
      <translation>DNS: {domain} の MX</translation>
    </message>
    <message>
      <source>DNS: SPF {domain}</source>
      <translation>DNS: {domain} の SPF</translation>
    </message>
    <message>
      <source>DNS: DMARC {domain}</source>
      <translation>DNS: {domain} の DMARC</translation>
    </message>
    <message>
      <source>submission :587 (SMTP AUTH)</source>
      <translation>サブミッション :587 (SMTP 認証)</translation>
    </message>
    <message>
      <source>submission</source>
      <translation>サブミッション</translation>
    </message>
    <message>
      <source>SMTP :25</source>
      <translation>SMTP :25</translation>
    </message>
    <message>
      <source>SMTP :25 · pref {pref}</source>
      <translation>SMTP :25 · 優先度 {pref}</translation>
    </message>
    <message>
      <source>delivery</source>
      <translation>配送</translation>
    </message>
    <message>
      <source>IPv{family}</source>
      <translation>IPv{family}</translation>
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
      <source>Hop #{n}</source>
      <translation>ホップ #{n}</translation>
    </message>
    <message>
      <source>Hops #{first}–#{last}</source>
      <translation>ホップ #{first}–#{last}</translation>
    </message>
    <message>
      <source>+{count} internal hops</source>
      <translation>内部ホップ +{count}</translation>
    </message>
    <message>
      <source>{first} – {last}</source>
      <translation>{first} – {last}</translation>
    </message>
    <message>
      <source>by {host}</source>
      <translation>受信: {host}</translation>
    </message>
    <message>
      <source>by ?</source>
      <translation>受信: ?</translation>
    </message>
    <message>
      <source>unparsed</source>
      <translation>解析不能</translation>
    </message>
    <message>
      <source>{delay} s</source>
      <translation>{delay} 秒</translation>
    </message>
    <message>
      <source>TLS</source>
      <translation>TLS</translation>
    </message>
    <message>
      <source>no TLS</source>
      <translation>TLS なし</translation>
    </message>
    <message>
      <source>TLS ?</source>
      <translation>TLS 不明</translation>
    </message>
    <message>
      <source>not on the predicted route</source>
      <translation>予測経路外</translation>
    </message>
    <message>
      <source>not on the predicted route ({count} hops)</source>
      <translation>予測経路外（{count} ホップ）</translation>
    </message>
    <message>
      <source>#{n} of {total}</source>
      <translation>{total} 件中 #{n}</translation>
    </message>
    <message>
      <source>#{first}–#{last} of {total}</source>
      <translation>{total} 件中 #{first}–#{last}</translation>
    </message>
    <message>
      <source>handover to the recipient's servers</source>
      <translation>受信側サーバーへの引き渡し</translation>
    </message>
    <message>
      <source>{k} of {total} here</source>
      <translation>ここで {total} 件中 {k} 件目</translation>
    </message>
    <message>
      <source>forwarded: SPF checks the forwarder, DKIM and ARC carry the judgement</source>
      <translation>転送：SPF は転送者を確認します。判断は DKIM と ARC に委ねられます</translation>
    </message>
    <message>
      <source>DMARC {result}</source>
      <translation>DMARC {result}</translation>
    </message>
    <message>
      <source>DMARC</source>
      <translation>DMARC 結果</translation>
    </message>
    <message>
      <source>disposition {disposition}</source>
      <translation>処置 {disposition}</translation>
    </message>
    <message>
      <source>not evaluated</source>
      <translation>未評価</translation>
    </message>
    <message>
      <source>DKIM: none</source>
      <translation>DKIM: なし</translation>
    </message>
    <message>
      <source>no signature</source>
      <translation>署名なし</translation>
    </message>
    <message>
      <source>the message carries no DKIM-Signature</source>
      <translation>メッセージに DKIM-Signature がない</translation>
    </message>
    <message>
      <source>DKIM</source>
      <translation>DKIM 署名</translation>
    </message>
    <message>
      <source>DKIM d={domain} s={selector}</source>
      <translation>DKIM d={domain} s={selector}</translation>
    </message>
    <message>
      <source>aligned</source>
      <translation>整合</translation>
    </message>
    <message>
      <source>not aligned</source>
      <translation>整合なし</translation>
    </message>
    <message>
      <source>{bits}-bit</source>
      <translation>{bits} ビット</translation>
    </message>
    <message>
      <source>{type} {bits}-bit</source>
      <translation>{type} {bits} ビット</translation>
    </message>
    <message>
      <source>+{count} more signatures</source>
      <translation>他 {count} 件の署名</translation>
    </message>
    <message>
      <source>d={domain} s={selector} {result}</source>
      <translation>d={domain} s={selector} {result}</translation>
    </message>
    <message>
      <source>sender</source>
      <translation>送信者</translation>
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
      <source>{rdtype} lookup</source>
      <translation>{rdtype} 問い合わせ</translation>
    </message>
    <message>
      <source>error</source>
      <translation>エラー</translation>
    </message>
    <message>
      <source>SPF for {domain}</source>
      <translation>{domain} の SPF 判定</translation>
    </message>
    <message>
      <source>PTR</source>
      <translation>PTR（逆引き）</translation>
    </message>
    <message>
      <source>FCrDNS</source>
      <translation>FCrDNS（正逆一致）</translation>
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
      <source>CNAME</source>
      <translation>CNAME（別名）</translation>
    </message>
    <message>
      <source>MX</source>
      <translation>MX 結果</translation>
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
      <source>ttl</source>
      <translation>TTL（秒）</translation>
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
      <source>found at</source>
      <translation>見つかった場所</translation>
    </message>
    <message>
      <source>policy</source>
      <translation>ポリシー</translation>
    </message>
    <message>
      <source>hop #{n}</source>
      <translation>ホップ #{n}</translation>
    </message>
    <message>
      <source>hop</source>
      <translation>ホップ</translation>
    </message>
    <message>
      <source>hops</source>
      <translation>ホップ範囲</translation>
    </message>
    <message>
      <source>from</source>
      <translation>送信元</translation>
    </message>
    <message>
      <source>client address</source>
      <translation>送信元アドレス</translation>
    </message>
    <message>
      <source>by</source>
      <translation>受信サーバー</translation>
    </message>
    <message>
      <source>protocol</source>
      <translation>プロトコル</translation>
    </message>
    <message>
      <source>time</source>
      <translation>時刻</translation>
    </message>
    <message>
      <source>received</source>
      <translation>Received ヘッダー</translation>
    </message>
    <message>
      <source>delay</source>
      <translation>遅延</translation>
    </message>
    <message>
      <source>first</source>
      <translation>最初</translation>
    </message>
    <message>
      <source>last</source>
      <translation>最後</translation>
    </message>
    <message>
      <source>note</source>
      <translation>注記</translation>
    </message>
    <message>
      <source>result</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>disposition</source>
      <translation>処置</translation>
    </message>
    <message>
      <source>policy domain</source>
      <translation>ポリシードメイン</translation>
    </message>
    <message>
      <source>SPF aligned</source>
      <translation>SPF で整合</translation>
    </message>
    <message>
      <source>DKIM aligned</source>
      <translation>DKIM で整合</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>domain</source>
      <translation>ドメイン</translation>
    </message>
    <message>
      <source>selector</source>
      <translation>セレクター</translation>
    </message>
    <message>
      <source>algorithm</source>
      <translation>アルゴリズム</translation>
    </message>
    <message>
      <source>key</source>
      <translation>鍵</translation>
    </message>
    <message>
      <source>signatures</source>
      <translation>署名</translation>
    </message>
    <message>
      <source>mail client (MUA)</source>
      <translation>メールクライアント (MUA)</translation>
    </message>
    <message>
      <source>submission server</source>
      <translation>サブミッションサーバー</translation>
    </message>
    <message>
      <source>assumed outbound server (sender's MX)</source>
      <translation>推定した送信サーバー（送信者ドメインの MX）</translation>
    </message>
    <message>
      <source>forwarder of another organization (forwarding mailbox, mailing list, relay)</source>
      <translation>別の組織の転送者（転送設定のあるメールボックス、メーリングリスト、中継）</translation>
    </message>
    <message>
      <source>the sender's submission server, as the message shows it</source>
      <translation>メッセージに記録された送信者のサブミッションサーバー</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（なし）</translation>
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
      <source>?</source>
      <translation>？</translation>
    </message>
    <message>
      <source>implicit (no MX record)</source>
      <translation>暗黙（MX レコードなし）</translation>
    </message>
    <message>
      <source>{lookups}/{max}, void {void}/{max_void}</source>
      <translation>{lookups}/{max}、空の参照 {void}/{max_void}</translation>
    </message>
    <message>
      <source>{lookups}/{max} for an unlisted address</source>
      <translation>未登録アドレスで {lookups}/{max}</translation>
    </message>
    <message>
      <source>{ms} ms</source>
      <translation>{ms} ミリ秒</translation>
    </message>
    <message>
      <source>looked for at</source>
      <translation>探した場所</translation>
    </message>
    <message>
      <source>not resolved (cancelled)</source>
      <translation>未解決（中止）</translation>
    </message>
    <message>
      <source>{count} hops</source>
      <translation>{count} ホップ</translation>
    </message>
  </context>
  <context>
    <name>SpfPanel</name>
    <message>
      <source>Result: {result} · DNS lookups {lookups}/10 · void lookups {void}/2</source>
      <translation>結果: {result} · DNS 参照 {lookups}/10 · 空の参照 {void}/2</translation>
    </message>
    <message>
      <source>Result: {result} · the whole record, every branch: {lookups} DNS lookups (evaluation stops after 10) · {void} void lookups (evaluation stops after 2)</source>
      <translation>結果: {result} · レコード全体（すべての分岐）: DNS 参照 {lookups} 回（評価は 10 回で停止）· 空の参照 {void} 回（評価は 2 回で停止）</translation>
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
      <translation>ソフトフェイル</translation>
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
      <translation>エラー</translation>
    </message>
    <message>
      <source>unknown / pending</source>
      <translation>不明 / 解決中</translation>
    </message>
  </context>
  <context>
    <name>AuthoritativePanel</name>
    <message>
      <source>The authoritative servers were asked over plain DNS (port 53, not encrypted): they offer no TLS. Only the questions to your resolver went over {transport}.</source>
      <translation>権威サーバーへの問い合わせは通常の DNS（ポート 53、暗号化なし）で行いました。権威サーバーは TLS に対応していないためです。{transport} で送ったのはリゾルバーへの問い合わせだけです。</translation>
    </message>
    <message>
      <source>answered</source>
      <translation>応答あり</translation>
    </message>
    <message>
      <source>NXDOMAIN (no such name)</source>
      <translation>NXDOMAIN（名前が存在しない）</translation>
    </message>
    <message>
      <source>no records of this type</source>
      <translation>この種類のレコードなし</translation>
    </message>
    <message>
      <source>timed out</source>
      <translation>タイムアウト</translation>
    </message>
    <message>
      <source>SERVFAIL</source>
      <translation>SERVFAIL</translation>
    </message>
    <message>
      <source>REFUSED</source>
      <translation>REFUSED（拒否）</translation>
    </message>
    <message>
      <source>DNS error</source>
      <translation>DNS エラー</translation>
    </message>
    <message>
      <source>not in the recording</source>
      <translation>記録にない</translation>
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
      <source>Authoritative servers</source>
      <translation>権威サーバー</translation>
    </message>
    <message>
      <source>Zone {zone}: every server answers with authority, they agree, and your resolver holds what they publish.</source>
      <translation>ゾーン {zone}：すべてのサーバーが権威を持って応答し、内容は一致しており、リゾルバーも公開中の内容を保持しています。</translation>
    </message>
    <message>
      <source>Zone {zone}: the servers or your resolver do not all agree (see the marks and the findings).</source>
      <translation>ゾーン {zone}：サーバー同士、またはリゾルバーとの内容が一致していません（印と指摘事項を参照）。</translation>
    </message>
    <message>
      <source>{ttl} s</source>
      <translation>{ttl} 秒</translation>
    </message>
    <message>
      <source>Server / question</source>
      <translation>サーバー / 問い合わせ</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>アドレス</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Authoritative</source>
      <translation>権威</translation>
    </message>
    <message>
      <source>Serial</source>
      <translation>シリアル</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>応答</translation>
    </message>
    <message>
      <source>TTL</source>
      <translation>TTL</translation>
    </message>
    <message>
      <source>Turn on Analysis → Ask the Domain's Own Name Servers and analyze: this panel then shows what each of the zone's servers publishes.</source>
      <translation>「解析」→「ドメイン自身のネームサーバーに問い合わせる」をオンにして解析すると、ゾーンの各サーバーが公開している内容がここに表示されます。</translation>
    </message>
    <message>
      <source>Servers</source>
      <translation>サーバー</translation>
    </message>
    <message>
      <source>the servers agree</source>
      <translation>サーバーの応答は一致</translation>
    </message>
    <message>
      <source>the servers disagree</source>
      <translation>サーバーの応答が不一致</translation>
    </message>
    <message>
      <source>only {answered} of {servers} servers answered with authority</source>
      <translation>権威を持って応答したのはサーバー {servers} 台中 {answered} 台のみ</translation>
    </message>
    <message>
      <source>Zone {zone}: {error}</source>
      <translation>ゾーン {zone}：{error}</translation>
    </message>
    <message>
      <source>No zone found: {error}</source>
      <translation>ゾーンが見つかりません：{error}</translation>
    </message>
    <message>
      <source>Your resolver</source>
      <translation>使用中のリゾルバー</translation>
    </message>
    <message>
      <source>Your resolver still holds an older answer; it may keep it for up to its TTL.</source>
      <translation>リゾルバーはまだ古い応答を保持しています。TTL が切れるまで保持し続けることがあります。</translation>
    </message>
    <message>
      <source>Zone {zone}</source>
      <translation>ゾーン {zone}</translation>
    </message>
  </context>
  <context>
    <name>CompareResolvers</name>
    <message>
      <source>System resolver</source>
      <translation>システムのリゾルバー</translation>
    </message>
    <message>
      <source>Compare Resolvers</source>
      <translation>リゾルバーの比較</translation>
    </message>
    <message>
      <source>Tick two or more resolvers: every question of the last analysis is asked again of each, and the questions they answer differently are listed. TTLs are shown but never count as a difference.</source>
      <translation>リゾルバーを 2 つ以上選んでください。直前の解析の問い合わせをそれぞれに改めて送り、応答が異なる問い合わせを一覧にします。TTL は表示しますが、違いとしては数えません。</translation>
    </message>
    <message>
      <source>Another: 192.0.2.53, https://dns.example/dns-query, tls://…</source>
      <translation>追加：192.0.2.53、https://dns.example/dns-query、tls://…</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>追加</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>比較</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>閉じる</translation>
    </message>
    <message>
      <source>Resolvers to compare</source>
      <translation>比較するリゾルバー</translation>
    </message>
    <message>
      <source>All {count} resolvers give the same answers to {questions} questions.</source>
      <translation>{count} 個のリゾルバーすべてが {questions} 件の問い合わせに同じ応答を返しました。</translation>
    </message>
    <message>
      <source>{differ} of {questions} questions are answered differently by the {count} resolvers.</source>
      <translation>{questions} 件中 {differ} 件の問い合わせで、{count} 個のリゾルバーの応答が異なります。</translation>
    </message>
    <message>
      <source>TLS certificate check failed for {server}.

Nothing was taken from it over plain DNS. If the server is yours, trust its CA with $MAILPATH_CA_FILE.</source>
      <translation>TLS 証明書の検証に失敗しました：{server}

暗号化なしの DNS での再問い合わせは行っていません。自分のサーバーであれば、その CA を $MAILPATH_CA_FILE で信頼させてください。</translation>
    </message>
    <message>
      <source>Question / resolver</source>
      <translation>問い合わせ / リゾルバー</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>応答</translation>
    </message>
    <message>
      <source>TTL</source>
      <translation>TTL</translation>
    </message>
    <message>
      <source>Asking {questions} questions of {count} resolvers…</source>
      <translation>{count} 個のリゾルバーに {questions} 件を問い合わせ中…</translation>
    </message>
    <message>
      <source>The comparison failed: {message}</source>
      <translation>比較に失敗しました：{message}</translation>
    </message>
    <message>
      <source>Analyze first: the comparison asks its questions.</source>
      <translation>先に解析してください。比較ではその問い合わせを使います。</translation>
    </message>
  </context>
  <context>
    <name>PropagationChecks</name>
    <message>
      <source>TLS certificate check failed</source>
      <translation>TLS 証明書の検証に失敗</translation>
    </message>
    <message>
      <source>Ask the Domain's Own Name &amp;Servers</source>
      <translation>ドメイン自身のネームサーバーに問い合わせる(&amp;S)</translation>
    </message>
    <message>
      <source>Also ask each of the zone's name servers directly, and compare their answers with each other and with your resolver</source>
      <translation>ゾーンの各ネームサーバーにも直接問い合わせ、その応答同士およびリゾルバーの応答と比べます</translation>
    </message>
    <message>
      <source>Re-check &amp;Until It Passes</source>
      <translation>合格するまで再確認(&amp;U)</translation>
    </message>
    <message>
      <source>Compare &amp;Resolvers…</source>
      <translation>リゾルバーを比較(&amp;R)…</translation>
    </message>
    <message>
      <source>Authoritative servers</source>
      <translation>権威サーバー</translation>
    </message>
    <message>
      <source>Re-check</source>
      <translation>再確認</translation>
    </message>
  </context>
  <context>
    <name>ResolverField</name>
    <message>
      <source>{name} (plain DNS)</source>
      <translation>{name}（通常の DNS）</translation>
    </message>
    <message>
      <source>{name} (DoH)</source>
      <translation>{name}（DoH）</translation>
    </message>
    <message>
      <source>{name} (DoT)</source>
      <translation>{name}（DoT）</translation>
    </message>
    <message>
      <source>via the system resolver ({address})</source>
      <translation>システムのリゾルバー経由（{address}）</translation>
    </message>
    <message>
      <source>via DNS {address}</source>
      <translation>DNS 経由 {address}</translation>
    </message>
    <message>
      <source>recorded {via}</source>
      <translation>記録時: {via}</translation>
    </message>
    <message>
      <source>via DoH {address}</source>
      <translation>DoH 経由 {address}</translation>
    </message>
    <message>
      <source>via DoT {address}</source>
      <translation>DoT 経由 {address}</translation>
    </message>
    <message>
      <source>via {address}</source>
      <translation>{address} 経由</translation>
    </message>
  </context>
  <context>
    <name>WatchMode</name>
    <message>
      <source>mailpath: the verdict passes</source>
      <translation>mailpath：判定が合格になりました</translation>
    </message>
    <message>
      <source>The verdict passes</source>
      <translation>判定が合格になりました</translation>
    </message>
    <message>
      <source>Every</source>
      <translation>間隔</translation>
    </message>
    <message>
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <source>Seconds between checks</source>
      <translation>確認の間隔（秒）</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>開始</translation>
    </message>
    <message>
      <source>Analyze now, then again after each interval until the verdict passes</source>
      <translation>今すぐ解析し、判定が合格になるまで間隔ごとに繰り返します</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Verdicts of the checks so far</source>
      <translation>これまでの確認の判定</translation>
    </message>
    <message>
      <source>first check</source>
      <translation>初回</translation>
    </message>
    <message>
      <source>Re-checking every {seconds} s until the verdict passes.</source>
      <translation>判定が合格になるまで {seconds} 秒ごとに再確認しています。</translation>
    </message>
    <message>
      <source>no change</source>
      <translation>変化なし</translation>
    </message>
    <message>
      <source>{time}  #{number}  {verdict}
    {changes}</source>
      <translation>{time}  #{number}  {verdict}
    {changes}</translation>
    </message>
    <message>
      <source>After {count} checks: {verdict}</source>
      <translation>{count} 回目の確認で合格：{verdict}</translation>
    </message>
    <message>
      <source>Re-checking in {seconds} s (run {number})</source>
      <translation>あと {seconds} 秒で再確認（{number} 回目）</translation>
    </message>
    <message>
      <source>Stopped.</source>
      <translation>停止しました。</translation>
    </message>
    <message>
      <source>Start analyzes the inputs now and again after each interval, and tells you when the verdict passes.</source>
      <translation>「開始」を押すと入力内容を今すぐ解析し、間隔ごとに繰り返して、判定が合格になったらお知らせします。</translation>
    </message>
    <message>
      <source>Stopped: the verdict passed after {count} checks.</source>
      <translation>停止：{count} 回目の確認で判定が合格になりました。</translation>
    </message>
    <message>
      <source>; </source>
      <translation>、</translation>
    </message>
    <message>
      <source>accepted as verified</source>
      <translation>認証済みとして受理</translation>
    </message>
    <message>
      <source>accepted but unverified</source>
      <translation>受理されるが未認証</translation>
    </message>
    <message>
      <source>flagged as suspicious</source>
      <translation>不審なメールとして扱われる</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>拒否</translation>
    </message>
    <message>
      <source>kept queued</source>
      <translation>キューに保留</translation>
    </message>
    <message>
      <source>a lookup failed</source>
      <translation>DNS 参照が失敗</translation>
    </message>
    <message>
      <source>no route to the recipient</source>
      <translation>受信者への経路なし</translation>
    </message>
    <message>
      <source>a domain does not exist</source>
      <translation>ドメインが存在しない</translation>
    </message>
    <message>
      <source>incomplete</source>
      <translation>未完了</translation>
    </message>
    <message>
      <source>verdict: {before} → {after}</source>
      <translation>判定: {before} → {after}</translation>
    </message>
    <message>
      <source>new problem: {finding}</source>
      <translation>新しい問題: {finding}</translation>
    </message>
    <message>
      <source>resolved (found before, not now): {finding}</source>
      <translation>解消（前回は指摘、今回はなし）: {finding}</translation>
    </message>
    <message>
      <source>Re-check stopped: the inputs changed.</source>
      <translation>再確認を停止しました: 入力が変わりました。</translation>
    </message>
  </context>
  <context>
    <name>WatchChanges</name>
    <message>
      <source>verdict {before} -> {after}</source>
      <translation>判定 {before} → {after}</translation>
    </message>
    <message>
      <source>SPF record {before} -> {after}</source>
      <translation>SPF レコード {before} → {after}</translation>
    </message>
    <message>
      <source>SPF for {address} {before} -> {after}</source>
      <translation>{address} の SPF {before} → {after}</translation>
    </message>
    <message>
      <source>DMARC record {before} -> {after}</source>
      <translation>DMARC レコード {before} → {after}</translation>
    </message>
    <message>
      <source>MX {before} -> {after}</source>
      <translation>MX {before} → {after}</translation>
    </message>
    <message>
      <source>+{code}</source>
      <translation>新しい指摘 {code}</translation>
    </message>
    <message>
      <source>-{code}</source>
      <translation>解消した指摘 {code}</translation>
    </message>
    <message>
      <source>serial of {host} {before} -> {after}</source>
      <translation>{host} のシリアル {before} → {after}</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>（なし）</translation>
    </message>
    <message>
      <source>None</source>
      <translation>なし</translation>
    </message>
  </context>
  <context>
    <name>ResolverFailure</name>
    <message>
      <source>The resolver {server} does not answer ({cause}). No verdict about the domains can be made: choose another resolver, or check the network.</source>
      <translation>リゾルバー {server} が応答しません（{cause}）。ドメインについての判定はできません。別のリゾルバーを選ぶか、ネットワークを確認してください。</translation>
    </message>
  </context>
  <context>
    <name>Sentences</name>
    <message>
      <source>{text}</source>
      <translation>{text}</translation>
    </message>
    <message>
      <source>the system's name service finds no address for {host} ({reason})</source>
      <translation>システムの名前解決で {host} のアドレスが見つかりません（{reason}）</translation>
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
      <source>sending host</source>
      <translation>送信ホスト</translation>
    </message>
    <message>
      <source>sending host address</source>
      <translation>送信ホストのアドレス</translation>
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
      <source>DoH server in {url}</source>
      <translation>{url} の DoH サーバー</translation>
    </message>
    <message>
      <source>TLS name in {url}</source>
      <translation>{url} の TLS 名</translation>
    </message>
    <message>
      <source>the {what} is empty</source>
      <translation>{what}が入力されていません。</translation>
    </message>
    <message>
      <source>the {what} {value} is an IP address; a domain name is needed here</source>
      <translation>{what} {value} は IP アドレスです。ここにはドメイン名を入力してください。</translation>
    </message>
    <message>
      <source>the {what} {value} contains a space</source>
      <translation>{what} {value} に空白が含まれています。</translation>
    </message>
    <message>
      <source>the {what} {value} has an empty label</source>
      <translation>{what} {value} に空のラベルがあります（ドットが連続していませんか？）。</translation>
    </message>
    <message>
      <source>the {what} {value} is not a valid internationalized name: {reason}</source>
      <translation>{what} {value} は国際化ドメイン名として正しくありません: {reason}。</translation>
    </message>
    <message>
      <source>the {what} {value} is not a valid name: {reason}</source>
      <translation>{what} {value} は名前として正しくありません: {reason}。</translation>
    </message>
    <message>
      <source>the {what} is {count} characters long; the limit is 253</source>
      <translation>{what}が {count} 文字あります。上限は 253 文字です。</translation>
    </message>
    <message>
      <source>the {what} has a label of {count} characters ({label}...); the limit is 63</source>
      <translation>{what}に {count} 文字のラベル（{label}...）があります。ラベルの上限は 63 文字です。</translation>
    </message>
    <message>
      <source>the {what} {value} has an invalid label {label}: use letters, digits and hyphens, not at the start or end</source>
      <translation>{what} {value} のラベル {label} は使えません。英字・数字・ハイフンのみを使い、ハイフンを先頭や末尾に置かないでください。</translation>
    </message>
    <message>
      <source>the {what} {value} needs at least two labels, like example.com</source>
      <translation>{what} {value} には example.com のように 2 つ以上のラベルが必要です。</translation>
    </message>
    <message>
      <source>the {what} {value} ends in a numeric label</source>
      <translation>{what} {value} の最後のラベルが数字だけになっています。</translation>
    </message>
    <message>
      <source>the {what} {value} is not a usable web address: {reason}</source>
      <translation>{what} {value} は使える Web アドレスではありません: {reason}。</translation>
    </message>
    <message>
      <source>the {what} {value} is a web address without a host name</source>
      <translation>{what} {value} はホスト名のない Web アドレスです。</translation>
    </message>
    <message>
      <source>the {what} {value} was read as {host}</source>
      <translation>{what} {value} を {host} として読み取りました。</translation>
    </message>
    <message>
      <source>the {what} {value} was read as {host} (its host without www.)</source>
      <translation>{what} {value} を {host} として読み取りました（ホスト名から www. を除いたもの）。</translation>
    </message>
    <message>
      <source>the {what} {value} has no domain after '@'</source>
      <translation>{what} {value} の「@」の後にドメインがありません。</translation>
    </message>
    <message>
      <source>the {what} {value} has more than one '@'</source>
      <translation>{what} {value} に「@」が複数あります。</translation>
    </message>
    <message>
      <source>the {what} {value} has a space in its local part</source>
      <translation>{what} {value} のローカル部（@ の前）に空白が含まれています。</translation>
    </message>
    <message>
      <source>the {what}'s local part is over 64 octets</source>
      <translation>{what}のローカル部（@ の前）が 64 オクテットを超えています。</translation>
    </message>
    <message>
      <source>{value} is not a valid IPv4 or IPv6 {what}</source>
      <translation>{value} は{what}として正しい IPv4 / IPv6 アドレスではありません。</translation>
    </message>
    <message>
      <source>the name server is empty</source>
      <translation>ネームサーバーが入力されていません。</translation>
    </message>
    <message>
      <source>IP, IP:PORT, [IPv6]:PORT, tls://ADDRESS[:PORT][#NAME] or https://NAME/PATH[#ADDRESS]</source>
      <translation>IP、IP:ポート、[IPv6]:ポート、tls://アドレス[:ポート][#名前]、https://名前/パス[#アドレス]</translation>
    </message>
    <message>
      <source>name server {value}: unknown scheme (use {forms})</source>
      <translation>ネームサーバー {value}: 不明なスキームです（{forms} のいずれかの形で入力してください）。</translation>
    </message>
    <message>
      <source>name server {value}: bad URL ({reason})</source>
      <translation>ネームサーバー {value}: URL が正しくありません（{reason}）。</translation>
    </message>
    <message>
      <source>name server {value}: the URL names no host</source>
      <translation>ネームサーバー {value}: URL にホスト名がありません。</translation>
    </message>
    <message>
      <source>name server {value}: a DoH URL takes no query</source>
      <translation>ネームサーバー {value}: DoH の URL にはクエリ（?）を付けられません。</translation>
    </message>
    <message>
      <source>name server {value}: after '#' give the DoH server's IP address</source>
      <translation>ネームサーバー {value}: 「#」の後には DoH サーバーの IP アドレスを書いてください。</translation>
    </message>
    <message>
      <source>name server {value}: give the server's IP after tls://</source>
      <translation>ネームサーバー {value}: tls:// の後にサーバーの IP アドレスを入力してください。</translation>
    </message>
    <message>
      <source>name server {value}: missing ']'</source>
      <translation>ネームサーバー {value}: 閉じ括弧「]」がありません。</translation>
    </message>
    <message>
      <source>name server {value}: expected ':PORT' after ']'</source>
      <translation>ネームサーバー {value}: 「]」の後には「:ポート番号」を書いてください。</translation>
    </message>
    <message>
      <source>name server {value} is not an IP address (use {forms})</source>
      <translation>ネームサーバー {value} は IP アドレスではありません（{forms} のいずれかの形で入力してください）。</translation>
    </message>
    <message>
      <source>name server {value}: the port must be a number from 1 to 65535</source>
      <translation>ネームサーバー {value}: ポート番号は 1〜65535 の数字で指定してください。</translation>
    </message>
    <message>
      <source>the sending host is empty</source>
      <translation>送信ホストが入力されていません。</translation>
    </message>
    <message>
      <source>the sending host {value} is an address; give the server's name or IP</source>
      <translation>送信ホスト {value} はメールアドレスです。サーバーのホスト名か IP アドレスを入力してください。</translation>
    </message>
    <message>
      <source>it contains a character that domain names may not contain</source>
      <translation>ドメイン名に使えない文字が含まれています</translation>
    </message>
    <message>
      <source>it contains a character that is allowed only beside certain others</source>
      <translation>前後の文字によっては使えない文字が含まれています</translation>
    </message>
    <message>
      <source>it mixes right-to-left and left-to-right characters in a way IDNA forbids</source>
      <translation>右から左に書く文字と左から右に書く文字が IDNA の規則に反して混在しています</translation>
    </message>
    <message>
      <source>it breaks the rules of internationalized domain names (IDNA 2008)</source>
      <translation>国際化ドメイン名の規則（IDNA 2008）に反しています</translation>
    </message>
    <message>
      <source>it cannot be encoded as a domain name</source>
      <translation>ドメイン名として符号化できません</translation>
    </message>
    <message>
      <source>a message must be given as bytes</source>
      <translation>メッセージはバイト列で渡す必要があります。</translation>
    </message>
    <message>
      <source>the message is empty</source>
      <translation>メッセージが空です。</translation>
    </message>
    <message>
      <source>the message has no header fields</source>
      <translation>メッセージにヘッダーがありません。メールのメッセージではありません。</translation>
    </message>
    <message>
      <source>this file is not a mail message: it does not start with a header field such as 'From: ...'</source>
      <translation>このファイルはメールのメッセージではありません。'From: ...' のようなヘッダーで始まっていません。</translation>
    </message>
    <message>
      <source>the saved message is not a mailpath header record</source>
      <translation>保存されたメッセージが mailpath のヘッダー記録ではありません。</translation>
    </message>
    <message>
      <source>the saved message has no header block</source>
      <translation>保存されたメッセージにヘッダー部がありません。</translation>
    </message>
    <message>
      <source>the saved message's header block is corrupt</source>
      <translation>保存されたメッセージのヘッダー部が壊れています。</translation>
    </message>
    <message>
      <source>the message has no From address with a domain: give the sender yourself</source>
      <translation>メッセージにドメイン付きの From アドレスがありません。送信者を入力してください。</translation>
    </message>
    <message>
      <source>the message does not say where it was delivered (no Delivered-To, X-Original-To, 'for &lt;...&gt;' or To): give the recipient yourself</source>
      <translation>メッセージから配送先が分かりません（Delivered-To、X-Original-To、'for &lt;...&gt;'、To のいずれもありません）。受信者を入力してください。</translation>
    </message>
    <message>
      <source>the identity is empty: give a MAIL FROM or --helo</source>
      <translation>送信者の識別子が空です。MAIL FROM か --helo を指定してください。</translation>
    </message>
    <message>
      <source>give --message or --replay, not both (a saved analysis keeps its message)</source>
      <translation>--message と --replay はどちらか一方だけを指定してください（保存した解析にはメッセージも含まれています）。</translation>
    </message>
    <message>
      <source>{path} holds the analysis of {sender} -&gt; {recipient}; omit SENDER and RECIPIENT or give those</source>
      <translation>{path} には {sender} から {recipient} への解析が保存されています。SENDER と RECIPIENT を省くか、その 2 つを指定してください。</translation>
    </message>
    <message>
      <source>give SENDER and RECIPIENT (or --message FILE, or --replay FILE)</source>
      <translation>SENDER と RECIPIENT を指定してください（または --message FILE か --replay FILE）。</translation>
    </message>
    <message>
      <source>give SENDER and RECIPIENT</source>
      <translation>SENDER と RECIPIENT を指定してください。</translation>
    </message>
    <message>
      <source>the message {name} does not exist</source>
      <translation>メッセージ {name} がありません。</translation>
    </message>
    <message>
      <source>{name} is a folder, not a message</source>
      <translation>{name} はフォルダーで、メッセージではありません。</translation>
    </message>
    <message>
      <source>cannot read {name}: {reason}</source>
      <translation>{name} を読み込めません: {reason}</translation>
    </message>
    <message>
      <source>{name} is larger than {limit} bytes</source>
      <translation>{name} は {limit} バイトを超えています。</translation>
    </message>
    <message>
      <source>{name} is empty</source>
      <translation>{name} は空です。</translation>
    </message>
    <message>
      <source>{name}: {reason}</source>
      <translation>{name}: {reason}</translation>
    </message>
    <message>
      <source>standard input</source>
      <translation>標準入力</translation>
    </message>
    <message>
      <source>the CA file {path} does not exist</source>
      <translation>CA ファイル {path} がありません。</translation>
    </message>
    <message>
      <source>the trust anchor file {path} does not exist</source>
      <translation>トラストアンカーのファイル {path} がありません。</translation>
    </message>
    <message>
      <source>--compare-resolvers needs a comma-separated list of name servers</source>
      <translation>--compare-resolvers にはネームサーバーをカンマ区切りで指定してください。</translation>
    </message>
    <message>
      <source>TLS certificate check failed for {server}; no answer was taken over plain DNS (trust its CA with --ca-file)</source>
      <translation>{server} の TLS 証明書の検証に失敗しました。暗号化しない DNS での回答は使っていません（--ca-file でその CA を信頼させてください）。</translation>
    </message>
    <message>
      <source>TLS certificate check failed for {server}</source>
      <translation>{server} の TLS 証明書の検証に失敗しました。</translation>
    </message>
    <message>
      <source>{path} is not a mailpath saved analysis</source>
      <translation>{path} は mailpath の保存した解析ではありません。</translation>
    </message>
    <message>
      <source>{path} has format version {found}; this mailpath reads version {version}</source>
      <translation>{path} の形式バージョンは {found} です。この mailpath が読めるのはバージョン {version} です。</translation>
    </message>
    <message>
      <source>{path} is damaged: {reason}</source>
      <translation>{path} は壊れています: {reason}</translation>
    </message>
    <message>
      <source>{path} is a folder, not a saved analysis</source>
      <translation>{path} はフォルダーで、保存した解析ではありません。</translation>
    </message>
    <message>
      <source>{path} is not a regular file</source>
      <translation>{path} は通常のファイルではありません。</translation>
    </message>
    <message>
      <source>{path} is {size} bytes; a saved analysis is at most {limit}</source>
      <translation>{path} は {size} バイトあります。保存した解析は最大 {limit} バイトです。</translation>
    </message>
    <message>
      <source>the saved analysis {path} does not exist</source>
      <translation>保存した解析 {path} がありません。</translation>
    </message>
    <message>
      <source>cannot read {path}: {reason}</source>
      <translation>{path} を読み込めません: {reason}</translation>
    </message>
    <message>
      <source>{path} is larger than {limit} bytes</source>
      <translation>{path} は {limit} バイトを超えています。</translation>
    </message>
    <message>
      <source>{path} is not a saved analysis (not UTF-8 text at byte {offset})</source>
      <translation>{path} は保存した解析ではありません（{offset} バイト目が UTF-8 のテキストではありません）。</translation>
    </message>
    <message>
      <source>{path} is not a saved analysis (not JSON: {reason})</source>
      <translation>{path} は保存した解析ではありません（JSON ではありません: {reason}）。</translation>
    </message>
    <message>
      <source>{path} is nested too deeply to be a saved analysis</source>
      <translation>{path} は入れ子が深すぎて、保存した解析として読めません。</translation>
    </message>
    <message>
      <source>{path} is not a saved analysis ({reason})</source>
      <translation>{path} は保存した解析ではありません（{reason}）。</translation>
    </message>
    <message>
      <source>the resolver {server} does not answer ({reason})</source>
      <translation>リゾルバー {server} が応答しません（{reason}）</translation>
    </message>
    <message>
      <source>no zone cut found for {name}: the resolver returned no SOA record for it or any parent</source>
      <translation>{name} のゾーンの境界が見つかりません。リゾルバーはこの名前にも親ドメインにも SOA レコードを返しませんでした</translation>
    </message>
    <message>
      <source>no address found for any name server of {zone}</source>
      <translation>{zone} のどのネームサーバーにもアドレスが見つかりません</translation>
    </message>
    <message>
      <source>DNS {outcome} for {name} {rdtype}</source>
      <translation>{name} {rdtype} の DNS 問い合わせ: {outcome}</translation>
    </message>
    <message>
      <source>DNS {outcome} for {name} {rdtype} ({detail})</source>
      <translation>{name} {rdtype} の DNS 問い合わせ: {outcome}（{detail}）</translation>
    </message>
    <message>
      <source>connection refused</source>
      <translation>接続を拒否されました</translation>
    </message>
    <message>
      <source>no answer within {seconds} s</source>
      <translation>{seconds} 秒以内に応答なし</translation>
    </message>
    <message>
      <source>its TLS certificate is not trusted: {reason}</source>
      <translation>TLS 証明書が信頼されていません: {reason}</translation>
    </message>
    <message>
      <source>the TLS handshake failed: {reason}</source>
      <translation>TLS ハンドシェイクに失敗しました: {reason}</translation>
    </message>
    <message>
      <source>HTTP status {status}</source>
      <translation>HTTP ステータス {status}</translation>
    </message>
    <message>
      <source>the network or host is unreachable</source>
      <translation>ネットワークまたはホストに到達できません</translation>
    </message>
    <message>
      <source>{reason}</source>
      <translation>{reason}</translation>
    </message>
    <message>
      <source>answered</source>
      <translation>応答あり</translation>
    </message>
    <message>
      <source>NXDOMAIN (no such name)</source>
      <translation>NXDOMAIN（その名前は存在しません）</translation>
    </message>
    <message>
      <source>no records of this type (NODATA)</source>
      <translation>この種類のレコードはありません（NODATA）</translation>
    </message>
    <message>
      <source>timed out (no answer)</source>
      <translation>タイムアウト（応答なし）</translation>
    </message>
    <message>
      <source>SERVFAIL (server failure)</source>
      <translation>SERVFAIL（サーバーの障害）</translation>
    </message>
    <message>
      <source>REFUSED by the server</source>
      <translation>サーバーが REFUSED（拒否）しました</translation>
    </message>
    <message>
      <source>DNS error</source>
      <translation>DNS のエラー</translation>
    </message>
    <message>
      <source>not in the recording</source>
      <translation>記録にありません</translation>
    </message>
    <message>
      <source>the DKIM selector</source>
      <translation>DKIM セレクター</translation>
    </message>
    <message>
      <source>the selector</source>
      <translation>セレクター</translation>
    </message>
    <message>
      <source>the domain</source>
      <translation>ドメイン</translation>
    </message>
    <message>
      <source>{what} is empty</source>
      <translation>{what}が空です</translation>
    </message>
    <message>
      <source>{what} {value} is not a valid name: {reason}</source>
      <translation>{what} {value} は名前として正しくありません: {reason}</translation>
    </message>
    <message>
      <source>{what} {value} is not a valid DNS name</source>
      <translation>{what} {value} は DNS 名として正しくありません</translation>
    </message>
    <message>
      <source>key not found at {name}</source>
      <translation>{name} に公開鍵がありません</translation>
    </message>
    <message>
      <source>the key lookup for {name} timed out</source>
      <translation>{name} の公開鍵の問い合わせがタイムアウトしました</translation>
    </message>
    <message>
      <source>the key lookup for {name} is not in the recording</source>
      <translation>{name} の公開鍵の問い合わせは記録にありません</translation>
    </message>
    <message>
      <source>the key lookup for {name} failed: {outcome}</source>
      <translation>{name} の公開鍵の問い合わせに失敗しました: {outcome}</translation>
    </message>
    <message>
      <source>the signature is malformed: {detail}</source>
      <translation>署名の形式が正しくありません: {detail}</translation>
    </message>
    <message>
      <source>the signature lacks the {tag}= tag</source>
      <translation>署名に {tag}= タグがありません</translation>
    </message>
    <message>
      <source>v={value} is not 1</source>
      <translation>v={value} が 1 ではありません</translation>
    </message>
    <message>
      <source>unknown signature algorithm a={algorithm}</source>
      <translation>a={algorithm} は知られていない署名アルゴリズムです</translation>
    </message>
    <message>
      <source>{tag}= is not valid base64</source>
      <translation>{tag}= が正しい Base64 ではありません</translation>
    </message>
    <message>
      <source>i={identity} is not within d={domain}</source>
      <translation>i={identity} が d={domain} の中にありません</translation>
    </message>
    <message>
      <source>q={value} names no query method mailpath knows</source>
      <translation>q={value} には mailpath の知っている問い合わせ方法がありません</translation>
    </message>
    <message>
      <source>l={value} is not a length</source>
      <translation>l={value} は長さではありません</translation>
    </message>
    <message>
      <source>{tag}={value} is not a timestamp</source>
      <translation>{tag}={value} は時刻ではありません</translation>
    </message>
    <message>
      <source>h= does not include From, which must be signed</source>
      <translation>h= に From がありません。From は必ず署名に含める必要があります</translation>
    </message>
    <message>
      <source>not evaluated: h= names {count} header fields; mailpath evaluates at most {limit}</source>
      <translation>検証していません: h= が {count} 個のヘッダーを挙げています。mailpath が検証するのは {limit} 個までです</translation>
    </message>
    <message>
      <source>not evaluated: h= names {count} header fields and the message has {fields}; that is more work than mailpath allows</source>
      <translation>検証していません: h= が {count} 個のヘッダーを挙げ、メッセージには {fields} 個のヘッダーがあります。mailpath の処理量の上限を超えます</translation>
    </message>
    <message>
      <source>x= (expiration) is before t= (signing time)</source>
      <translation>x=（有効期限）が t=（署名時刻）より前です</translation>
    </message>
    <message>
      <source>signature expired at {time} (x=)</source>
      <translation>署名は {time} に期限切れになりました（x=）</translation>
    </message>
    <message>
      <source>signature dated in the future: {time} (t=)</source>
      <translation>署名の日時が未来です: {time}（t=）</translation>
    </message>
    <message>
      <source>rsa-sha1 signatures are not accepted any more (RFC 8301)</source>
      <translation>rsa-sha1 の署名は今では受け入れられません（RFC 8301）</translation>
    </message>
    <message>
      <source>{count} TXT records at {name}; a key must be unique</source>
      <translation>{name} に TXT レコードが {count} 件あります。公開鍵は 1 件でなければなりません</translation>
    </message>
    <message>
      <source>the key record is not valid</source>
      <translation>公開鍵のレコードが正しくありません</translation>
    </message>
    <message>
      <source>the key at {name} is {key_type}, the signature {want}</source>
      <translation>{name} の公開鍵は {key_type}、署名は {want} です</translation>
    </message>
    <message>
      <source>the key at {name} does not allow {algorithm} (h=)</source>
      <translation>{name} の公開鍵は {algorithm} を許していません（h=）</translation>
    </message>
    <message>
      <source>the key at {name} (t=s) requires i= to be exactly d=</source>
      <translation>{name} の公開鍵（t=s）は i= が d= と完全に一致することを求めています</translation>
    </message>
    <message>
      <source>not accepted: {detail}</source>
      <translation>受け入れられません: {detail}</translation>
    </message>
    <message>
      <source>ed25519 signatures cannot be checked: PyNaCl is not installed</source>
      <translation>PyNaCl がインストールされていないため ed25519 の署名を検証できません</translation>
    </message>
    <message>
      <source>body hash mismatch: the body changed after signing</source>
      <translation>本文のハッシュが一致しません: 署名の後で本文が変更されました</translation>
    </message>
    <message>
      <source>the signature is not valid: {detail}</source>
      <translation>署名が正しくありません: {detail}</translation>
    </message>
    <message>
      <source>the signature cannot be evaluated: {detail}</source>
      <translation>署名を評価できません: {detail}</translation>
    </message>
    <message>
      <source>the signature cannot be evaluated</source>
      <translation>署名を評価できません</translation>
    </message>
    <message>
      <source>the signature verifies</source>
      <translation>署名は正しく検証できました</translation>
    </message>
    <message>
      <source>signature verification failed: the signed headers changed or the key does not match</source>
      <translation>署名の検証に失敗しました: 署名されたヘッダーが変更されたか、公開鍵が一致しません</translation>
    </message>
    <message>
      <source>the message header section is malformed: {detail}</source>
      <translation>メッセージのヘッダー部の形式が正しくありません: {detail}</translation>
    </message>
    <message>
      <source>not evaluated: {detail}</source>
      <translation>検証していません: {detail}</translation>
    </message>
    <message>
      <source>not verified: the message is over {limit} octets</source>
      <translation>検証していません: メッセージが {limit} オクテットを超えています</translation>
    </message>
    <message>
      <source>the message carries no ARC set</source>
      <translation>メッセージに ARC のセットはありません</translation>
    </message>
    <message>
      <source>an ARC header field is malformed: {detail}</source>
      <translation>ARC のヘッダーの形式が正しくありません: {detail}</translation>
    </message>
    <message>
      <source>an ARC header field has no valid i= ({value})</source>
      <translation>ARC のヘッダーに正しい i= がありません（{value}）</translation>
    </message>
    <message>
      <source>an ARC signature is malformed: {detail}</source>
      <translation>ARC の署名の形式が正しくありません: {detail}</translation>
    </message>
    <message>
      <source>the ARC chain verifies</source>
      <translation>ARC のチェーンは正しく検証できました</translation>
    </message>
    <message>
      <source>the ARC chain does not verify: {detail}</source>
      <translation>ARC のチェーンを検証できません: {detail}</translation>
    </message>
    <message>
      <source>the ARC chain does not verify: {detail}; {problems}</source>
      <translation>ARC のチェーンを検証できません: {detail}; {problems}</translation>
    </message>
    <message>
      <source>{term}: {reason}</source>
      <translation>{term}: {reason}</translation>
    </message>
    <message>
      <source>the domain does not exist</source>
      <translation>ドメインが存在しません</translation>
    </message>
    <message>
      <source>no v=spf1 record</source>
      <translation>v=spf1 のレコードがありません</translation>
    </message>
    <message>
      <source>{path}: {term}: {reason}</source>
      <translation>{path}: {term}: {reason}</translation>
    </message>
    <message>
      <source>more than {limit} lookups: audit stopped</source>
      <translation>DNS 参照が {limit} 回を超えたため監査を止めました</translation>
    </message>
    <message>
      <source>DNS lookup limit ({limit}) exceeded</source>
      <translation>DNS 参照の上限（{limit} 回）を超えました</translation>
    </message>
    <message>
      <source>void lookup limit ({limit}) exceeded</source>
      <translation>空の参照（void lookup）の上限（{limit} 回）を超えました</translation>
    </message>
    <message>
      <source>{count} v=spf1 records (there must be one)</source>
      <translation>v=spf1 のレコードが {count} 件あります（1 件でなければなりません）</translation>
    </message>
    <message>
      <source>'{target}' is not a valid DNS name: treated as no match</source>
      <translation>'{target}' は DNS 名として正しくないため、一致しないものとして扱いました</translation>
    </message>
    <message>
      <source>{count} MX records for {target} (at most {limit})</source>
      <translation>{target} の MX レコードが {count} 件あります（上限は {limit} 件）</translation>
    </message>
    <message>
      <source>include loop back to {target}</source>
      <translation>include が {target} に戻ってループしています</translation>
    </message>
    <message>
      <source>include target {target}: {reason}</source>
      <translation>include 先 {target}: {reason}</translation>
    </message>
    <message>
      <source>include target {target} has no SPF record</source>
      <translation>include 先 {target} に SPF レコードがありません</translation>
    </message>
    <message>
      <source>redirect loop back to {target}</source>
      <translation>redirect が {target} に戻ってループしています</translation>
    </message>
    <message>
      <source>redirect target {target} has no SPF record</source>
      <translation>redirect 先 {target} に SPF レコードがありません</translation>
    </message>
    <message>
      <source>exp ignored: '{target}' is not a valid DNS name</source>
      <translation>exp を無視しました: '{target}' は DNS 名として正しくありません</translation>
    </message>
    <message>
      <source>exp ignored: {count} TXT records</source>
      <translation>exp を無視しました: TXT レコードが {count} 件あります</translation>
    </message>
    <message>
      <source>exp ignored: {outcome}</source>
      <translation>exp を無視しました: {outcome}</translation>
    </message>
    <message>
      <source>exp ignored: the explanation is not ASCII</source>
      <translation>exp を無視しました: 説明文が ASCII ではありません</translation>
    </message>
    <message>
      <source>not evaluated: ran out of time (--budget)</source>
      <translation>検証していません: 制限時間（--budget）を使い切りました</translation>
    </message>
    <message>
      <source>not verified: the header block is {size} octets; mailpath hands dkimpy at most {maximum}</source>
      <translation>検証していません: ヘッダー部が {size} オクテットあります。mailpath が dkimpy に渡すのは {maximum} オクテットまでです</translation>
    </message>
    <message>
      <source>not verified: the {header} header is folded over {size} continuation lines; mailpath hands dkimpy at most {maximum}</source>
      <translation>検証していません: {header} ヘッダーが {size} 行に折り返されています。mailpath が dkimpy に渡すのは {maximum} 行までです</translation>
    </message>
    <message>
      <source>not verified: the {header} header is {size} octets; mailpath hands dkimpy at most {maximum} per header field</source>
      <translation>検証していません: {header} ヘッダーが {size} オクテットあります。mailpath が dkimpy に渡すのは 1 つのヘッダーにつき {maximum} オクテットまでです</translation>
    </message>
    <message>
      <source>the header is {size} octets; mailpath evaluates at most {limit}</source>
      <translation>ヘッダーが {size} オクテットあります。mailpath が検証するのは {limit} オクテットまでです</translation>
    </message>
    <message>
      <source>the header holds a run of more than {limit} whitespace characters</source>
      <translation>ヘッダーに {limit} 文字を超える空白の連続があります</translation>
    </message>
    <message>
      <source>not verified: the message is {size} octets; mailpath verifies at most {limit}</source>
      <translation>検証していません: メッセージが {size} オクテットあります。mailpath が検証するのは {limit} オクテットまでです</translation>
    </message>
    <message>
      <source>not verified: only the first {limit} signatures are checked</source>
      <translation>検証していません: 検証するのは最初の {limit} 個の署名だけです</translation>
    </message>
    <message>
      <source>the key record is not a valid tag list: {detail}</source>
      <translation>公開鍵のレコードがタグの並びとして正しくありません: {detail}</translation>
    </message>
    <message>
      <source>v= must be the first tag of the key record</source>
      <translation>v= は公開鍵のレコードの最初のタグでなければなりません</translation>
    </message>
    <message>
      <source>v={value} is not DKIM1</source>
      <translation>v={value} が DKIM1 ではありません</translation>
    </message>
    <message>
      <source>unknown key type k={value}</source>
      <translation>k={value} は知られていない鍵の種類です</translation>
    </message>
    <message>
      <source>the key is not for email (s={value})</source>
      <translation>この鍵はメール用ではありません（s={value}）</translation>
    </message>
    <message>
      <source>the key record has no p= tag</source>
      <translation>公開鍵のレコードに p= タグがありません</translation>
    </message>
    <message>
      <source>key revoked (empty p=)</source>
      <translation>鍵は失効しています（p= が空）</translation>
    </message>
    <message>
      <source>the key record is not valid base64</source>
      <translation>公開鍵のレコードが正しい Base64 ではありません</translation>
    </message>
    <message>
      <source>p= holds {size} octets; an ed25519 key has 32</source>
      <translation>p= は {size} オクテットです。ed25519 の鍵は 32 オクテットです</translation>
    </message>
    <message>
      <source>p= is not an RSA public key</source>
      <translation>p= は RSA の公開鍵ではありません</translation>
    </message>
    <message>
      <source>an RSA key of {bits} bits is over {limit}</source>
      <translation>{bits} ビットの RSA 鍵は上限の {limit} ビットを超えています</translation>
    </message>
    <message>
      <source>the RSA key's public exponent is not usable</source>
      <translation>RSA 鍵の公開指数が使えない値です</translation>
    </message>
    <message>
      <source>the RSA key has {bits} bits; RFC 8301 requires at least 1024 (2048 advised)</source>
      <translation>RSA 鍵が {bits} ビットしかありません。RFC 8301 は 1024 ビット以上を求めています（2048 ビットを推奨）</translation>
    </message>
    <message>
      <source>the RSA key has {bits} bits; 2048 or more is advised</source>
      <translation>RSA 鍵が {bits} ビットです。2048 ビット以上を推奨します</translation>
    </message>
    <message>
      <source>{address} did not answer within {seconds} s (at {stage}).</source>
      <translation>{address} は {seconds} 秒以内に応答しませんでした（{stage} の段階）。</translation>
    </message>
    <message>
      <source>{address} refused the connection to port {port}.</source>
      <translation>{address} はポート {port} への接続を拒否しました。</translation>
    </message>
    <message>
      <source>{address} could not be reached on port {port}: {reason}.</source>
      <translation>{address} のポート {port} に到達できませんでした: {reason}。</translation>
    </message>
    <message>
      <source>{address} closed the connection (at {stage}).</source>
      <translation>{address} が接続を切りました（{stage} の段階）。</translation>
    </message>
    <message>
      <source>{address} sent something that is not an SMTP reply (at {stage}).</source>
      <translation>{address} が SMTP の応答ではないものを送ってきました（{stage} の段階）。</translation>
    </message>
    <message>
      <source>{address} greeted with {reply}: it does not take mail from the probe.</source>
      <translation>{address} は最初の応答で {reply} を返しました。この調査からのメールは受け付けません。</translation>
    </message>
    <message>
      <source>{address} answered {reply} to {command}.</source>
      <translation>{address} は {command} に {reply} を返しました。</translation>
    </message>
    <message>
      <source>{address} offers STARTTLS but answered {reply} to it.</source>
      <translation>{address} は STARTTLS を提示していますが、STARTTLS に {reply} を返しました。</translation>
    </message>
    <message>
      <source>The TLS handshake with {address} failed ({reason}).</source>
      <translation>{address} との TLS ハンドシェイクに失敗しました（{reason}）。</translation>
    </message>
  </context>
  <context>
    <name>Requirements</name>
    <message>
      <source>SPF passes for {addresses}.</source>
      <translation>{addresses} について SPF が合格しています。</translation>
    </message>
    <message>
      <source>A valid DKIM signature d={domains} authenticates the message.</source>
      <translation>有効な DKIM 署名 d={domains} がメッセージを認証しています。</translation>
    </message>
    <message>
      <source>SPF gives {spf} and the message carries no DKIM signature.</source>
      <translation>SPF の結果は {spf} で、メッセージに DKIM 署名がありません。</translation>
    </message>
    <message>
      <source>SPF gives {spf} and no DKIM signature passes ({dkim}).</source>
      <translation>SPF の結果は {spf} で、合格する DKIM 署名がありません（{dkim}）。</translation>
    </message>
    <message>
      <source>SPF gives {spf}; whether the mail carries a valid DKIM signature is not visible from DNS alone.</source>
      <translation>SPF の結果は {spf} です。メールに有効な DKIM 署名があるかどうかは DNS だけでは分かりません。</translation>
    </message>
    <message>
      <source>No sending address is known, so SPF cannot be judged.</source>
      <translation>送信アドレスが分からないため、SPF を判定できません。</translation>
    </message>
    <message>
      <source>SPF passes for {addresses} and DKIM d={domains} passes.</source>
      <translation>{addresses} について SPF が合格し、DKIM d={domains} も合格しています。</translation>
    </message>
    <message>
      <source>SPF gives {spf}.</source>
      <translation>SPF の結果は {spf} です。</translation>
    </message>
    <message>
      <source>SPF passes, but the message carries no DKIM signature.</source>
      <translation>SPF は合格していますが、メッセージに DKIM 署名がありません。</translation>
    </message>
    <message>
      <source>SPF passes, but no DKIM signature passes ({dkim}).</source>
      <translation>SPF は合格していますが、合格する DKIM 署名がありません（{dkim}）。</translation>
    </message>
    <message>
      <source>SPF passes for {addresses}; whether the mail carries a valid DKIM signature is not visible from DNS alone.</source>
      <translation>{addresses} について SPF は合格しています。メールに有効な DKIM 署名があるかどうかは DNS だけでは分かりません。</translation>
    </message>
    <message>
      <source>_dmarc.{domain} publishes p={policy}.</source>
      <translation>_dmarc.{domain} が p={policy} を公開しています。</translation>
    </message>
    <message>
      <source>No DMARC record applies to {sender}.</source>
      <translation>{sender} に適用される DMARC レコードがありません。</translation>
    </message>
    <message>
      <source>The DMARC record at _dmarc.{domain} cannot be used.</source>
      <translation>_dmarc.{domain} の DMARC レコードは使えません。</translation>
    </message>
    <message>
      <source>The DMARC lookup for {sender} did not get an answer.</source>
      <translation>{sender} の DMARC の問い合わせに応答がありませんでした。</translation>
    </message>
    <message>
      <source>DMARC was not looked up.</source>
      <translation>DMARC は問い合わせていません。</translation>
    </message>
    <message>
      <source>SPF passes for {domain}, aligned with the From domain {sender}.</source>
      <translation>{domain} について SPF が合格し、From のドメイン {sender} と整合しています。</translation>
    </message>
    <message>
      <source>DKIM d={domain} passes, aligned with the From domain {sender}.</source>
      <translation>DKIM d={domain} が合格し、From のドメイン {sender} と整合しています。</translation>
    </message>
    <message>
      <source>Neither SPF nor DKIM passes aligned with the From domain {sender}.</source>
      <translation>From のドメイン {sender} と整合して合格するものは、SPF にも DKIM にもありません。</translation>
    </message>
    <message>
      <source>SPF passes but does not align with {sender}; whether an aligned DKIM signature is present is not visible from DNS alone.</source>
      <translation>SPF は合格していますが {sender} と整合していません。整合した DKIM 署名があるかどうかは DNS だけでは分かりません。</translation>
    </message>
    <message>
      <source>Every sending address has forward-confirmed reverse DNS ({addresses}).</source>
      <translation>送信アドレスすべてに正引きで確認できる逆引き DNS があります（{addresses}）。</translation>
    </message>
    <message>
      <source>No forward-confirmed reverse DNS for {addresses}.</source>
      <translation>{addresses} には正引きで確認できる逆引き DNS がありません。</translation>
    </message>
    <message>
      <source>The reverse DNS of {addresses} could not be checked.</source>
      <translation>{addresses} の逆引き DNS を確認できませんでした。</translation>
    </message>
    <message>
      <source>The hop into {by} was made over TLS.</source>
      <translation>{by} への受け渡しは TLS で行われました。</translation>
    </message>
    <message>
      <source>The hop into {by} was made without TLS.</source>
      <translation>{by} への受け渡しは TLS なしで行われました。</translation>
    </message>
    <message>
      <source>The Received field of the hop into {by} does not say whether TLS was used.</source>
      <translation>{by} への受け渡しの Received フィールドには、TLS を使ったかどうかが書かれていません。</translation>
    </message>
    <message>
      <source>Not visible from DNS: open a received message to check it.</source>
      <translation>DNS からは分かりません。確かめるには受信したメッセージを開いてください。</translation>
    </message>
    <message>
      <source>The message has one From address, a Date and a Message-ID.</source>
      <translation>メッセージには From のアドレスが一つ、Date と Message-ID があります。</translation>
    </message>
    <message>
      <source>The message has {count} From fields or addresses; RFC 5322 allows one.</source>
      <translation>メッセージには From のフィールドまたはアドレスが {count} 個あります。RFC 5322 で許されるのは一つです。</translation>
    </message>
    <message>
      <source>The message has no Date field.</source>
      <translation>メッセージに Date フィールドがありません。</translation>
    </message>
    <message>
      <source>The message has no Message-ID field.</source>
      <translation>メッセージに Message-ID フィールドがありません。</translation>
    </message>
    <message>
      <source>List-Unsubscribe ({uri}) and List-Unsubscribe-Post: List-Unsubscribe=One-Click are both signed by DKIM d={domain}.</source>
      <translation>List-Unsubscribe（{uri}）と List-Unsubscribe-Post: List-Unsubscribe=One-Click の両方が DKIM d={domain} で署名されています。</translation>
    </message>
    <message>
      <source>The message has no List-Unsubscribe field.</source>
      <translation>メッセージに List-Unsubscribe フィールドがありません。</translation>
    </message>
    <message>
      <source>List-Unsubscribe offers no https URI ({value}).</source>
      <translation>List-Unsubscribe に https の URI がありません（{value}）。</translation>
    </message>
    <message>
      <source>The message has no List-Unsubscribe-Post: List-Unsubscribe=One-Click field.</source>
      <translation>メッセージに List-Unsubscribe-Post: List-Unsubscribe=One-Click フィールドがありません。</translation>
    </message>
    <message>
      <source>No valid DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post.</source>
      <translation>List-Unsubscribe と List-Unsubscribe-Post の両方を含む有効な DKIM 署名がありません。</translation>
    </message>
    <message>
      <source>The From domain is {sender}, not Gmail's.</source>
      <translation>From のドメインは {sender} で、Gmail のものではありません。</translation>
    </message>
    <message>
      <source>The From domain {sender} is Gmail's, and the mail authenticates as sent by it.</source>
      <translation>From のドメイン {sender} は Gmail のもので、メールは Gmail から送られたと認証されています。</translation>
    </message>
    <message>
      <source>The From domain {sender} is Gmail's, but the mail does not authenticate as sent by it.</source>
      <translation>From のドメイン {sender} は Gmail のものですが、メールは Gmail から送られたと認証されていません。</translation>
    </message>
    <message>
      <source>The message came from the sender's own server: no forwarder.</source>
      <translation>メッセージは送信者自身のサーバーから届きました。転送サーバーはありません。</translation>
    </message>
    <message>
      <source>The forwarder {host} added an ARC chain that validates.</source>
      <translation>転送サーバー {host} が付けた ARC チェーンは検証に合格しています。</translation>
    </message>
    <message>
      <source>The forwarder {host} added no ARC headers.</source>
      <translation>転送サーバー {host} は ARC ヘッダーを付けていません。</translation>
    </message>
    <message>
      <source>The ARC chain the forwarder {host} added does not validate ({result}).</source>
      <translation>転送サーバー {host} が付けた ARC チェーンは検証に合格しません（{result}）。</translation>
    </message>
    <message>
      <source>The spam rate is not visible in DNS or in a message; {name} reports it at {tools}.</source>
      <translation>迷惑メール率は DNS にもメッセージにも現れません。{name} は {tools} で報告しています。</translation>
    </message>
    <message>
      <source>mailpath cannot check the rule {rule}.</source>
      <translation>mailpath はルール {rule} を確認できません。</translation>
    </message>
    <message>
      <source>Enable TLS (STARTTLS) for outgoing mail on {host}.</source>
      <translation>{host} で送信メールの TLS（STARTTLS）を有効にしてください。</translation>
    </message>
    <message>
      <source>Add "List-Unsubscribe: &lt;https://…&gt;" and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" to bulk mail, and list both in the DKIM signature's h=.</source>
      <translation>一括送信メールに「List-Unsubscribe: &lt;https://…&gt;」と「List-Unsubscribe-Post: List-Unsubscribe=One-Click」を加え、両方を DKIM 署名の h= に含めてください。</translation>
    </message>
    <message>
      <source>Send with a From address in your own domain: Gmail addresses send only through Gmail.</source>
      <translation>自分のドメインの From アドレスで送ってください。Gmail のアドレスは Gmail からしか送れません。</translation>
    </message>
    <message>
      <source>Ask whoever runs {host} to add ARC headers (RFC 8617) to the mail it forwards.</source>
      <translation>{host} の管理者に、転送するメールに ARC ヘッダー（RFC 8617）を付けるよう依頼してください。</translation>
    </message>
    <message>
      <source>Make the sending software add the missing field.</source>
      <translation>送信ソフトウェアが欠けているフィールドを付けるようにしてください。</translation>
    </message>
    <message>
      <source>Publish an SPF record that lists the sending server, or sign the mail with DKIM.</source>
      <translation>送信サーバーを含む SPF レコードを公開するか、メールに DKIM 署名を付けてください。</translation>
    </message>
  </context>
  <context>
    <name>RequirementsPanel</name>
    <message>
      <source>bulk senders</source>
      <translation>大量送信者</translation>
    </message>
    <message>
      <source>all senders</source>
      <translation>すべての送信者</translation>
    </message>
    <message>
      <source>met</source>
      <translation>満たす</translation>
    </message>
    <message>
      <source>not met</source>
      <translation>満たさない</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>不明</translation>
    </message>
    <message>
      <source>Rules for all senders</source>
      <translation>すべての送信者向けの要件</translation>
    </message>
    <message>
      <source>Rules for bulk senders</source>
      <translation>大量送信者向けの要件</translation>
    </message>
    <message>
      <source>Receiver</source>
      <translation>受信側</translation>
    </message>
    <message>
      <source>Audience</source>
      <translation>対象</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>要件</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状態</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>根拠</translation>
    </message>
    <message>
      <source>Fix</source>
      <translation>修正案</translation>
    </message>
    <message>
      <source>Requirements</source>
      <translation>受信側の要件</translation>
    </message>
    <message>
      <source>Check DNS &amp;Blocklists</source>
      <translation>DNS ブロックリストを確認(&amp;B)</translation>
    </message>
    <message>
      <source>Also ask the DNS blocklists (Spamhaus, SpamCop, Barracuda) about the sending addresses and names. Off by default: each question tells the list's operator which address you are checking.</source>
      <translation>送信アドレスと名前について DNS ブロックリスト（Spamhaus、SpamCop、Barracuda）にも問い合わせます。既定ではオフです: 問い合わせのたびに、どのアドレスを確認しているかがリストの運営者に伝わります。</translation>
    </message>
  </context>
  <context>
    <name>SenderLogo</name>
    <message>
      <source>The BIMI logo of {domain}</source>
      <translation>{domain} の BIMI ロゴ</translation>
    </message>
  </context>
</TS>
