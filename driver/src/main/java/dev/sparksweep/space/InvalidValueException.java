package dev.sparksweep.space;

/**
 * A value that breaks a rule of its hyperparameter. {@code subKey} is empty or names the part of a structured
 * value (".patience"); the config layer adds the file and the key path in front.
 */
public class InvalidValueException extends IllegalArgumentException {
    private final String subKey;
    private final String rule;
    private final Object value;

    public InvalidValueException(String subKey, String rule, Object value) {
        super(subKey + ": " + rule + ", but got " + value);
        this.subKey = subKey;
        this.rule = rule;
        this.value = value;
    }

    public String subKey() {
        return subKey;
    }

    public String rule() {
        return rule;
    }

    public Object value() {
        return value;
    }
}
