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
; The user's data (database, backups, evidence) lives in %LOCALAPPDATA%\apa-desktop (DATA_DIR) and
; is never touched by install or upgrade; the uninstaller removes it only when asked (a question,
; default No; /REMOVEDATA for a silent uninstall).
;
; Windows 10 1809 (build 17763) or later, 64-bit: the Qt of PySide6 6.9 runs there (6.10+ would
; need Windows' ICU, which arrived in 1903). Older Windows is refused with a Bengali+English message.

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
!define SHORTCUT "${APPNAME_BN} (${APPNAME})"
!define DATA_DIR "apa-desktop"
!define MIN_BUILD 17763
!define PROGID_PREFIX "APADesktop"

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
!include "WinVer.nsh"
!include "x64.nsh"

!if /FileExists "${__FILEDIR__}\apa-desktop.ico"
  !define MUI_ICON "${__FILEDIR__}\apa-desktop.ico"
  !define MUI_UNICON "${__FILEDIR__}\apa-desktop.ico"
!endif
!define MUI_ABORTWARNING

; NSIS ships no Bengali translation of its own dialogs (no Bengali.nlf), so the buttons are
; English; the texts the user reads are written in Bengali and English (Windows 10/11 shows
; Bengali with its Nirmala UI font).
!define MUI_WELCOMEPAGE_TITLE "${APPNAME_BN} / ${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ) - অফলাইন ডেস্কটপ অ্যাপ।$\r$\nশুধু আপনার ব্যবহারকারী অ্যাকাউন্টে ইনস্টল হবে; অ্যাডমিন অনুমতি লাগবে না।$\r$\n$\r$\nAnnual Performance Agreement (APA) - offline desktop app.$\r$\nInstalls for your user account only; no administrator rights are needed.$\r$\n$\r$\nআপনার তথ্য (ডাটাবেস, ব্যাকআপ) আলাদা ফোল্ডারে থাকে; হালনাগাদে মুছে যায় না, আনইনস্টলে শুধু আপনি চাইলে মোছে।$\r$\nYour data (database, backups) is kept separately: an update never removes it, an uninstall only if you ask."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APPNAME_BN} চালু করুন / Start ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME_BN} চালাতে উইন্ডোজ ১০ (সংস্করণ ১৮০৯, বিল্ড ১৭৭৬৩) বা তার পরের ৬৪-বিট উইন্ডোজ লাগবে। এই কম্পিউটারে ইনস্টল করা যাবে না।$\r$\n$\r$\n${APPNAME} needs 64-bit Windows 10 version 1809 (build ${MIN_BUILD}) or later, or Windows 11. It cannot be installed on this computer." /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
FunctionEnd

; A file kind the application opens (ui/open_file.py's HANDLERS): per-user ProgID, "%1" to the GUI.
!macro ASSOCIATE EXT DESCRIPTION
  WriteRegStr HKCU "Software\Classes\.${EXT}" "" "${PROGID_PREFIX}.${EXT}"
  WriteRegStr HKCU "Software\Classes\${PROGID_PREFIX}.${EXT}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "Software\Classes\${PROGID_PREFIX}.${EXT}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID_PREFIX}.${EXT}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
!macroend
!macro UNASSOCIATE EXT
  ReadRegStr $0 HKCU "Software\Classes\.${EXT}" ""
  StrCmp $0 "${PROGID_PREFIX}.${EXT}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.${EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROGID_PREFIX}.${EXT}"
!macroend

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

  ; An older build named its shortcuts in English only.
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  CreateShortcut "$SMPROGRAMS\${SHORTCUT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "বার্ষিক কর্মসম্পাদন চুক্তি - Annual Performance Agreement"
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "বার্ষিক কর্মসম্পাদন চুক্তি - Annual Performance Agreement"

  !insertmacro ASSOCIATE "apabundle" "এপিএ বান্ডেল / APA bundle"
  !insertmacro ASSOCIATE "apareceipt" "এপিএ প্রাপ্তিস্বীকার / APA receipt"
  !insertmacro ASSOCIATE "apatemplates" "এপিএ টেমপ্লেট প্যাক / APA template pack"
  !insertmacro ASSOCIATE "apalink" "এপিএ সদর দপ্তর সংযোগ / APA HQ link"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "Software\APADesktop" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME_BN} (${APPNAME})"
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

Var RemoveData

Function un.onInit
  StrCpy $RemoveData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${ElseIfNot} ${Silent}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "আপনার তথ্যও (ডাটাবেস, ব্যাকআপ, প্রমাণক) মুছে ফেলবেন? সাধারণত না: পরে আবার ইনস্টল করলে সব ফিরে পাবেন।$\r$\n$\r$\nAlso delete your data (database, backups, evidence)? Usually not: a later install finds it again.$\r$\n$\r$\n$LOCALAPPDATA\${DATA_DIR}" IDNO +2
    StrCpy $RemoveData 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  !insertmacro UNASSOCIATE "apabundle"
  !insertmacro UNASSOCIATE "apareceipt"
  !insertmacro UNASSOCIATE "apatemplates"
  !insertmacro UNASSOCIATE "apalink"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; The program files; the data in %LOCALAPPDATA%\apa-desktop only when asked (un.onInit).
  ${If} $RemoveData == 1
    RMDir /r "$LOCALAPPDATA\${DATA_DIR}"
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\APADesktop"
SectionEnd
