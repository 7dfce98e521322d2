package dev.sparksweep.cli;

import dev.sparksweep.worker.Engine;
import java.util.Locale;
import picocli.CommandLine;

/** auto | dl4j | jvm, with the rule in the message when it is none of them. */
final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
        for (Engine e : Engine.values()) {
            if (e.key().equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("must be one of auto | dl4j | jvm, but got " + value);
    }
}
