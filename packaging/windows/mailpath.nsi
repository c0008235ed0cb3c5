; mailpath Windows installer (NSIS 3.08 or newer, Modern UI 2, MultiUser).
;
; Built by `python packaging/build.py --installer` on Windows, and on Linux by
; scripts/package-check.sh with Debian's makensis (then installed and uninstalled under wine64).
; Everything that varies comes in as a define (makensis /DNAME=value):
;
;   VERSION       project version, e.g. 0.1.0 (required)
;   SOURCE_DIR    the frozen one-folder app: mailpath.exe, mailpath-cli.exe, _internal\ (required)
;   OUTFILE       the installer to write (required; not "setup.exe": makensis warns about it)
;   ICON          mailpath.ico (optional)
;   COMPRESSION   lzma (releases: /SOLID lzma) or zlib (CI: much faster, larger) - default lzma
;   SIGN_SCRIPT   optional program that Authenticode-signs the one file it is given (build.py
;                 writes build/sign/sign-file.cmd); run on the uninstaller and the installer
;
; Command line of the result:
;   /S            silent          /D=C:\path   installation folder (last argument, no quotes)
;   /CurrentUser  per-user install (the default: no administrator rights needed)
;   /AllUsers     per-machine install into Program Files (needs administrator rights)
; An installed older version is uninstalled silently first (upgrade in place).

Target amd64-unicode
Unicode true
ManifestDPIAware true
ManifestSupportedOS all

!ifndef VERSION
  !error "define VERSION, e.g. /DVERSION=0.1.0"
!endif
!ifndef SOURCE_DIR
  !error "define SOURCE_DIR: the frozen app folder"
!endif
!ifndef OUTFILE
  !error "define OUTFILE: the installer to write"
!endif
!ifndef NUMERIC_VERSION
  !define NUMERIC_VERSION "0.0.0"
!endif
!ifndef COMPRESSION
  !define COMPRESSION lzma
!endif

!define APP_NAME "mailpath"
!define APP_EXE "mailpath.exe"
!define CLI_EXE "mailpath-cli.exe"
!define PUBLISHER "mailpath developers"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"

!if "${COMPRESSION}" == "lzma"
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!else
  SetCompressor ${COMPRESSION}
!endif

!ifdef SIGN_SCRIPT
  ; NSIS runs these after writing each file; `= 0` makes a non-zero exit fail the build.
  !uninstfinalize '"${SIGN_SCRIPT}" "%1"' = 0
  !finalize '"${SIGN_SCRIPT}" "%1"' = 0
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${NUMERIC_VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

; ---------------------------------------------------------------- per-user / per-machine
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP_NAME}"
; Reinstalls and upgrades default to the mode and folder used last time.
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh

; ---------------------------------------------------------------- pages
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_NOAUTOCLOSE

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; otherwise the user's Windows language is used.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Japanese"

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

; ---------------------------------------------------------------- install
Section "-Remove previous version" SecUpgrade
  ; Upgrade = silent uninstall of whatever version is registered in this mode, then a fresh
  ; copy: no files of an old version (removed modules, old Qt plugins) are left behind.
  ReadRegStr $0 SHCTX "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${UNINSTALLER}"
    ReadRegStr $1 SHCTX "${UNINST_KEY}" "DisplayVersion"
    DetailPrint "Removing ${APP_NAME} $1 from $0"
    ; _?= runs the uninstaller in place (no copy to %TEMP%), so ExecWait really waits.
    ExecWait '"$0\${UNINSTALLER}" /S /$MultiUser.InstallMode _?=$0' $2
    ${If} $2 != 0
      DetailPrint "The previous uninstaller exited with $2"
    ${EndIf}
    Delete "$0\${UNINSTALLER}"
    RMDir "$0"
  ${EndIf}
SectionEnd

Section "${APP_NAME}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"

  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Mail-path explorer: SPF, MX, reverse DNS and DMARC"

  ; Add/Remove Programs ("Apps & features"): HKCU for a per-user, HKLM for a per-machine install.
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" \
    '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" \
    '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---------------------------------------------------------------- uninstall
Section "Uninstall"
  ; Only what the installer put there: never a recursive delete of $INSTDIR itself, which a
  ; user may have pointed at a folder holding other files.
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  ; Settings (QSettings under HKCU\Software\mailpath) stay, as for most Windows programs.
SectionEnd
