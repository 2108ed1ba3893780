package dev.bulwark.cli;

/** A refusal of the command line: a bad file, key, value or signature (exit code 1, the message on stderr). */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
