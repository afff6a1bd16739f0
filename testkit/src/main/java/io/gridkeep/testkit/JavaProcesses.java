package io.gridkeep.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a Java main class in its own JVM with the test's class path and Ignite's Java 17
 * {@code --add-opens} list, read from the one file the build names in
 * {@code -Dgridkeep.addOpensFile}.
 *
 * <pre>{@code
 * ExternalProcess server = JavaProcesses.start("loader", "com.example.Loader", List.of("--rows", "1000"),
 *     List.of("-Xmx512m"), dirs.logs().resolve("loader.log"));
 * }</pre>
 */
public final class JavaProcesses {
    private JavaProcesses() {
    }

    /** The add-opens argument file; fails loudly when the build did not name it. */
    public static Path addOpensFile() {
        String f = System.getProperty("gridkeep.addOpensFile");
        if (f == null || !Files.isRegularFile(Path.of(f)))
            throw new IllegalStateException("system property gridkeep.addOpensFile must name etc/java17-add-opens.args "
                + "(Surefire and Failsafe set it from the parent pom); got: " + f);
        return Path.of(f);
    }

    public static ExternalProcess start(String name, String mainClass, List<String> args, List<String> jvmOptions, Path logFile) {
        return start(name, mainClass, args, jvmOptions, logFile, null);
    }

    /** As above, with {@code classPath} instead of this JVM's (null keeps this JVM's). */
    public static ExternalProcess start(String name, String mainClass, List<String> args, List<String> jvmOptions, Path logFile,
                                        String classPath) {
        return start(name, mainClass, args, jvmOptions, logFile, classPath, null);
    }

    /** As above, under {@code skew} (null: the machine's clock). */
    public static ExternalProcess start(String name, String mainClass, List<String> args, List<String> jvmOptions, Path logFile,
                                        String classPath, ClockSkew skew) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("@" + addOpensFile());
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-DIGNITE_UPDATE_NOTIFIER=false");
        cmd.addAll(TestJvmOptions.QUICK_START);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath != null ? classPath : System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return ExternalProcess.start(name, cmd, skew == null ? Map.of() : skew.environment(), logFile);
    }
}
