; APA Desktop - per-user Windows installer (NSIS 3, Unicode, 64-bit).
;
; Packs a PyInstaller one-folder build made ON WINDOWS from installer/apa-desktop.spec
; (dist\apa-desktop\ with apa-desktop.exe, apa-desktop-gui.exe and _internal\).
; No administrator rights: installs to %LOCALAPPDATA%\Programs\APA Desktop, registers the
; uninstaller under HKCU, Start-menu shortcut for the current user only.
;
; Compile (Windows or Linux, NSIS >= 3.04):
;   makensis /DDIST=..\dist\apa-desktop /DVERSION=0.1.0 installer\windows\apa-desktop.nsi
;   makensis -DDIST=/path/to/dist/apa-desktop -DVERSION=0.1.0 installer/windows/apa-desktop.nsi
; Output: APA-Desktop-<VERSION>-setup.exe beside this script (or /DOUTFILE=path).
;
; The user's data (database, backups, evidence) lives in %LOCALAPPDATA%\apa-desktop and is
; never touched by install, upgrade or uninstall.

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all

!ifndef DIST
  !define DIST "..\dist\apa-desktop"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "APA-Desktop-${VERSION}-setup.exe"
!endif

!define APPNAME "APA Desktop"
!define APPNAME_BN "এপিএ ডেস্কটপ"
!define PUBLISHER "APA Desktop"
!define GUI_EXE "apa-desktop-gui.exe"
!define CLI_EXE "apa-desktop.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\APADesktop"

!if /FileExists "${DIST}\${GUI_EXE}"
!else
  !error "No PyInstaller build at ${DIST} (expected ${GUI_EXE}); pass /DDIST=path\to\dist\apa-desktop"
!endif

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\APADesktop" "InstallDir"
SetCompressor /SOLID lzma
ShowInstDetails hide
ShowUninstDetails hide
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT licence; fonts under the SIL Open Font License"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!if /FileExists "${__FILEDIR__}\apa-desktop.ico"
  !define MUI_ICON "${__FILEDIR__}\apa-desktop.ico"
  !define MUI_UNICON "${__FILEDIR__}\apa-desktop.ico"
!endif
!define MUI_ABORTWARNING

; NSIS ships no Bengali translation of its own dialogs (no Bengali.nlf), so the buttons are
; English; the texts the user reads are written in Bengali and English (Windows 10/11 shows
; Bengali with its Nirmala UI font).
!define MUI_WELCOMEPAGE_TITLE "${APPNAME_BN} / ${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) - অফলাইন ডেস্কটপ অ্যাপ।$\r$\nশুধু আপনার ব্যবহারকারী অ্যাকাউন্টে ইনস্টল হবে; অ্যাডমিন অনুমতি লাগবে না।$\r$\n$\r$\nAnnual Performance Agreement (APA) - offline desktop app.$\r$\nInstalls for your user account only; no administrator rights are needed.$\r$\n$\r$\nআপনার তথ্য (ডাটাবেস, ব্যাকআপ) আলাদা ফোল্ডারে থাকে; হালনাগাদ বা আনইনস্টলে মুছে যায় না।$\r$\nYour data (database, backups) is kept separately and is not removed by an update or uninstall."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APPNAME_BN} চালু করুন / Start ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Section "${APPNAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An update replaces the runtime completely, so no file of an older build is left behind.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST}\${CLI_EXE}"
  File "${DIST}\${GUI_EXE}"
  File /r "${DIST}\_internal"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "${APPNAME_BN} - Annual Performance Agreement"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "${APPNAME_BN} - Annual Performance Agreement"

  WriteRegStr HKCU "Software\APADesktop" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME} (${APPNAME_BN})"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ; Only the program files; the data in %LOCALAPPDATA%\apa-desktop stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\APADesktop"
SectionEnd
