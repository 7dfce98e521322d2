package dev.sparksweep.common;

/**
 * Input the user can fix: a config, a data file, a run directory. The message is one line naming the file,
 * the key or column, the rule and the value; the CLI prints it without a stack trace and exits with 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    /** @param cause kept for --verbose and debugging; the message alone is what the user sees */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
