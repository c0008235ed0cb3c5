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
    <name>Findings</name>
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
      <source>Severity</source>
      <translation>重要度</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>指摘</translation>
    </message>
    <message>
      <source>Fix: {fix}</source>
      <translation>修正案: {fix}</translation>
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
      <source>Analyze the mail route</source>
      <translation>メール経路を解析</translation>
    </message>
    <message>
      <source>Analyze (Enter, F5)</source>
      <translation>解析 (Enter, F5)</translation>
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
      <source>&amp;Panels</source>
      <translation>パネル(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>テーマ(&amp;T)</translation>
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
      <source>Go to &amp;Inputs</source>
      <translation>入力欄へ移動(&amp;I)</translation>
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
      <source>Type a sender and a recipient and press Enter.
Help → Open Seed Example shows a complete route without network.</source>
      <translation>送信者と受信者を入力して Enter を押してください。
ヘルプ → サンプルを開く で、ネットワークなしで経路の例を表示できます。</translation>
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
      <source>Sending &amp;host (optional)</source>
      <translation>送信ホスト(&amp;H)（省略可）</translation>
    </message>
    <message>
      <source>smtp.example.com or an IP address</source>
      <translation>smtp.example.com または IP アドレス</translation>
    </message>
    <message>
      <source>Reso&amp;lver</source>
      <translation>リゾルバー(&amp;L)</translation>
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
      <translation>投稿（サブミッション）サーバー</translation>
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
