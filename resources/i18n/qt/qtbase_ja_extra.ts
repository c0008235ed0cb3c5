<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that PySide6's qtbase_ja.qm leaves in English (Qt 6 added mnemonics to
     their source text). Loaded after qtbase_ja by mailpath.gui.text.i18n.install (a .ts read at run time, also in the frozen bundle); edited by
     hand, never by `catalogue update`. -->
<TS version="2.1" language="ja_JP">
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation>場所(&amp;L):</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>ファイルの種類(&amp;T):</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Open</source>
      <translation>開く(&amp;O)</translation>
    </message>
    <message>
      <source>No to A&amp;ll</source>
      <translation>全ていいえ(&amp;L)</translation>
    </message>
    <message>
      <source>Don&apos;t Save</source>
      <translation>保存しない</translation>
    </message>
    <message>
      <source>Close without Saving</source>
      <translation>保存せずに閉じる</translation>
    </message>
  </context>
</TS>
