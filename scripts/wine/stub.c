/*
 * A stand-in for powershell.exe, pwsh.exe and java.exe in scripts/check-cmd-wine.sh: appends to the
 * file named by STUB_LOG (UTF-8) its name, its command line as Windows handed it over, its arguments
 * as the C runtime split them, and the two variables run-bench.cmd sets; then exits with STUB_EXIT.
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -o java.exe stub.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

static void put(FILE *f, const wchar_t *label, const wchar_t *text) {
    char buffer[65536];
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, sizeof buffer, NULL, NULL);
    fprintf(f, "%ls%s\n", label, n > 0 ? buffer : "(not representable)");
}

int wmain(int argc, wchar_t **argv) {
    const wchar_t *log = _wgetenv(L"STUB_LOG");
    FILE *f = log ? _wfopen(log, L"ab") : NULL;
    if (f) {
        const wchar_t *name = wcsrchr(argv[0], L'\\');
        put(f, L"program=", name ? name + 1 : argv[0]);
        put(f, L"commandline=", GetCommandLineW());
        for (int i = 1; i < argc; i++) {
            put(f, L"arg=", argv[i]);
        }
        const wchar_t *vars[] = {L"RPCBENCH_CMDLINE", L"RPCBENCH_FROM_CMD"};
        for (int i = 0; i < 2; i++) {
            const wchar_t *value = _wgetenv(vars[i]);
            fprintf(f, "env %ls", vars[i]);
            put(f, value ? L"=" : L" ", value ? value : L"(unset)");
        }
        fputs("end\n", f);
        fclose(f);
    }
    const wchar_t *code = _wgetenv(L"STUB_EXIT");
    return code ? _wtoi(code) : 0;
}
