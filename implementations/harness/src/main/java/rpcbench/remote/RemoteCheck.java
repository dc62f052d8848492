package rpcbench.remote;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import rpcbench.os.Commands;
import rpcbench.os.ConsoleText;

/**
 * What one ssh call finds on a remote host before its servers start: the folder for the jar
 * (created, as an absolute path), the version line of its java, and the SHA-256 of the copy of the
 * jar already there, if any. Refuses a host without Java 17 or later in one line.
 *
 * @param dir         the folder, absolute
 * @param javaVersion the first line of {@code java -version} there
 * @param sha         the SHA-256 of the jar there, or empty when there is none
 */
record RemoteCheck(String dir, String javaVersion, String sha) {

    /** The oldest Java that runs the servers. */
    static final int MIN_JAVA = 17;
    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?[^\"]*\"");

    /** Runs the check of {@code host} for the jar named {@code jarName}. */
    static RemoteCheck run(RemoteHost host, String jarName, Commands commands) throws RemoteFailure {
        String check = "sh -c " + Ssh.quote(script(host, jarName));
        Commands.Result result = RemoteDeployment.run(commands, Ssh.run(host, check));
        ok(host, "checking the folder " + host.dir() + " there", result);
        return parse(host, ConsoleText.ofTool(result.out()));
    }

    /** The check, a script for {@code sh} run in the ssh user's home: it prints DIR, JAVA and SHA lines. */
    static String script(RemoteHost host, String jarName) {
        String dir = Ssh.quote(host.dir());
        String java = Ssh.quote(host.java());
        String jar = dir + "/" + Ssh.quote(jarName);
        return "mkdir -p " + dir + " && cd " + dir + " && echo \"DIR $(pwd)\" || exit 3; "
                + "if command -v " + java + " >/dev/null 2>&1; then echo \"JAVA $(" + java
                + " -version 2>&1 | grep version | head -n 1)\"; else echo 'JAVA none'; fi; "
                + "cd; if [ -f " + jar + " ]; then echo \"SHA $( (sha256sum " + jar + " || shasum -a 256 " + jar
                + ") 2>/dev/null | cut -d ' ' -f 1)\"; else echo 'SHA none'; fi";
    }

    /** The check's output read, with the java there checked. */
    static RemoteCheck parse(RemoteHost host, String output) throws RemoteFailure {
        String dir = field(output, "DIR");
        String javaLine = field(output, "JAVA");
        String sha = field(output, "SHA");
        if (dir.isEmpty() || javaLine.isEmpty() || sha.isEmpty()) {
            throw new RemoteFailure("remote host " + host + ": its shell did not answer the check (a POSIX sh is"
                    + " needed there); it printed: " + output.strip().lines().findFirst().orElse("nothing"));
        }
        if (javaLine.equals("none")) {
            throw new RemoteFailure("remote host " + host + " has no " + host.java() + " (Java " + MIN_JAVA + "+) on"
                    + " the PATH of a non-interactive ssh session: install one there, or name it with -D"
                    + RemoteHost.JAVA.name() + "=/path/to/bin/java");
        }
        int feature = javaFeature(javaLine);
        if (feature < MIN_JAVA) {
            throw new RemoteFailure("remote host " + host + ": its " + host.java() + " is "
                    + (feature < 0 ? "not a java I know (" : "Java " + feature + " (") + javaLine + "); the servers"
                    + " need Java " + MIN_JAVA + " or later: name one with -D" + RemoteHost.JAVA.name()
                    + "=/path/to/bin/java");
        }
        return new RemoteCheck(dir, javaLine, sha.equals("none") ? "" : sha);
    }

    /**
     * The feature release of a {@code java -version} line: 17 for {@code openjdk version "17.0.15"},
     * 8 for {@code java version "1.8.0_392"}; -1 when the line has no version.
     */
    static int javaFeature(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        if (!m.find()) {
            return -1;
        }
        int first = Integer.parseInt(m.group(1));
        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
    }

    /** Refuses a failed ssh or scp call in one line. */
    static void ok(RemoteHost host, String what, Commands.Result result) throws RemoteFailure {
        if (result.ok()) {
            return;
        }
        String err = ConsoleText.ofTool(result.err());
        if (result.exitCode() == SshErrors.SSH_FAILED || result.exitCode() == -1) {
            throw new RemoteFailure(SshErrors.explain(host, result.exitCode(), err));
        }
        throw new RemoteFailure("remote host " + host + ": " + what + " failed with exit code " + result.exitCode()
                + " (" + result.firstErrorLine() + ")");
    }

    private static String field(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1).trim())
                .findFirst().orElse("");
    }
}
