; RectDesk installer for Windows (NSIS 3, Unicode), packing the PyInstaller bundle built under
; Wine by resources/packaging/windows/build_windows.sh, which calls:
;
;   makensis -DVERSION=0.1.0 -DBUNDLE=dist/windows/rectdesk -DOUTFILE=dist/rectdesk-0.1.0-setup.exe \
;            resources/packaging/windows/rectdesk.nsi
;
; Per-user install with no administrator rights (office machines are locked down): the program
; goes to %LOCALAPPDATA%\Programs\RectDesk, the Start-menu entry 整改台账, the .rectdesk file type
; and the uninstall entry into HKCU. Silent: setup.exe /S [/D=C:\other folder] (/D last, no quotes).
; The uninstaller removes only what the installer wrote: registers, backups and settings live in
; the user's AppData\Local\RectDesk (or wherever the user saved them) and are kept.
; x64 (the app is x64 only; Wine here runs 64-bit programs only); implies Unicode
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z -DBUNDLE=folder -DOUTFILE=setup.exe rectdesk.nsi"
!endif
!define APP "RectDesk"
!define APP_ZH "整改台账"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define PROGID "RectDesk.Register"

Name "${APP_ZH} ${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_ZH} ${APP}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_ZH} ${APP} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "${APP}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\rectdesk.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Section "RectDesk"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an update replaces the program: old libraries must not linger beside the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP_ZH}.lnk" "$INSTDIR\rectdesk.exe" "" "$INSTDIR\rectdesk.exe" 0

  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  ; .rectdesk registers open in RectDesk (double-click in Explorer)
  WriteRegStr HKCU "Software\Classes\.rectdesk" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${APP_ZH} (${APP})"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\rectdesk.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\rectdesk.exe" --db "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_ZH} ${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\rectdesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; only what the installer wrote: a register kept in the install folder stays, and so does
  ; the folder then (RMDir without /r removes it only when empty)
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\rectdesk.exe"
  Delete "$INSTDIR\rectdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_ZH}.lnk"

  ReadRegStr $0 HKCU "Software\Classes\.rectdesk" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.rectdesk"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd
