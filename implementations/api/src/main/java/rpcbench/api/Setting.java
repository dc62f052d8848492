package rpcbench.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named {@code rpcbench.*} setting: its system property name, its default value, how its text
 * is parsed and written back, and one line saying what it does. Settings are constants of the
 * module that uses them, each with Javadoc stating its default; their values live in an
 * {@link RpcSettings} object.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private final String name;
    private final T defaultValue;
    private final String defaultText;
    private final String valid;
    private final Function<String, T> parser;
    private final Function<T, String> writer;
    private final String description;
    private final boolean secret;

    private Setting(String name, T defaultValue, String defaultText, String valid, Function<String, T> parser,
                    Function<T, String> writer, String description) {
        this(name, defaultValue, defaultText, valid, parser, writer, description, false);
    }

    private Setting(String name, T defaultValue, String defaultText, String valid, Function<String, T> parser,
                    Function<T, String> writer, String description, boolean secret) {
        if (!name.startsWith(RpcSettings.PREFIX)) {
            throw new IllegalArgumentException("setting " + name + " is not in " + RpcSettings.PREFIX + "*");
        }
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.valid = valid;
        this.parser = parser;
        this.writer = writer;
        this.description = description;
        this.secret = secret;
    }

    /**
     * A setting of any type.
     *
     * @param defaultText the default as a person reads it (for example {@code none}, {@code the temp folder})
     * @param valid       what a valid value is, for the error message: {@code a positive integer}
     * @param parser      text to value; returns null or throws IllegalArgumentException for a malformed text
     * @param writer      value to the text that {@code parser} reads back
     */
    public static <T> Setting<T> of(String name, T defaultValue, String defaultText, String valid,
                                    Function<String, T> parser, Function<T, String> writer, String description) {
        return new Setting<>(name, defaultValue, defaultText, valid, parser, writer, description);
    }

    /** A whole number of at least 1. */
    public static Setting<Integer> positiveInt(String name, int defaultValue, String description) {
        return of(name, defaultValue, Integer.toString(defaultValue), "a positive integer", text -> {
            int value = Integer.parseInt(text);
            return value > 0 ? value : null;
        }, String::valueOf, description);
    }

    /** {@code true} or {@code false}. */
    public static Setting<Boolean> flag(String name, boolean defaultValue, String description) {
        return choice(name, Boolean.toString(defaultValue), description, "true", "false").map(Boolean::valueOf);
    }

    /** One of {@code choices} (compared without case). */
    public static Setting<String> choice(String name, String defaultValue, String description, String... choices) {
        List<String> valid = List.of(choices);
        return of(name, defaultValue, defaultValue, "one of " + String.join(", ", valid),
                text -> valid.contains(text.toLowerCase(Locale.ROOT)) ? text.toLowerCase(Locale.ROOT) : null,
                value -> value, description);
    }

    /** Free text; {@code defaultText} describes an empty default. */
    public static Setting<String> text(String name, String defaultValue, String defaultText, String description) {
        return of(name, defaultValue, defaultText, "any text", text -> text, value -> value, description);
    }

    /**
     * Text whose value is a credential: default none (null), never printed ({@link #shown}), and
     * refused in an error message without being repeated.
     */
    public static Setting<String> secret(String name, String valid, Function<String, String> parser,
                                         String description) {
        return new Setting<>(name, null, "none", valid, parser, value -> value, description, true);
    }

    /** Whether the value is a credential that no log, table or error shows. */
    public boolean isSecret() {
        return secret;
    }

    /** {@code text} as a log or error may show it: a secret's value is never shown. */
    public String shown(String text) {
        return secret ? "(set, not shown)" : text;
    }

    /** The same setting with its values converted (for example a choice of words to an enum). */
    private <U> Setting<U> map(Function<T, U> convert) {
        return new Setting<>(name, convert.apply(defaultValue), defaultText, valid,
                text -> {
                    T value = parser.apply(text);
                    return value == null ? null : convert.apply(value);
                }, String::valueOf, description);
    }

    /** The system property, for example {@code rpcbench.call.timeout.ms}. */
    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the configuration table shows it. */
    public String defaultText() {
        return defaultText;
    }

    /** One line: what the setting does. */
    public String description() {
        return description;
    }

    /**
     * The value written as {@code text}; surrounding white space does not count.
     *
     * @throws IllegalArgumentException naming the property, the bad value and what is valid
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException("-D" + name + "=" + shown(text) + " is not " + valid);
        }
        return value;
    }

    /** {@code value} as the text {@link #parse} reads (what a -D flag carries). */
    public String format(T value) {
        return writer.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
