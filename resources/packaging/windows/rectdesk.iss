; RectDesk installer for Windows (Inno Setup 6), packing the PyInstaller bundle.
; Build on Windows, from the repository root:
;   pyinstaller --noconfirm build_installer.spec
;   dist\rectdesk\rectdesk-cli.exe --selftest
;   iscc /DAppVersion=0.1.0 resources\packaging\windows\rectdesk.iss
; -> dist\rectdesk-<version>-setup.exe. Installs per user by default (no administrator needed);
; the wizard offers an all-users install. Start-menu entry 整改台账; uninstall from Settings >
; Apps or the Start-menu entry. Registers and settings live in the user's AppData and are kept.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "RectDesk"
#define AppNameZh "整改台账"
#define Root "..\..\.."
#define Bundle Root + "\dist\rectdesk"

[Setup]
AppId={{6C1E2B7A-4F0D-4C55-9E43-2D1A8B5F0C71}
AppName={#AppNameZh} {#AppName}
AppVersion={#AppVersion}
AppVerName={#AppNameZh} {#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=rectdesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\rectdesk.ico
UninstallDisplayIcon={app}\rectdesk.exe
UninstallDisplayName={#AppNameZh} {#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; rectdesk.exe (windowed), rectdesk-cli.exe (console: sub-commands, --selftest) and _internal\
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\rectdesk.exe"; Comment: "整改台账桌面系统"
Name: "{group}\{cm:UninstallProgram,{#AppNameZh}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\rectdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rectdesk.exe"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

