package io.gridkeep.benchmarks;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the benchmarks' numeric options: a count or a duration that cannot be used is bad usage (exit 2), not a failed run. */
final class Numbers {
    private Numbers() {
    }

    /** A whole number of at least 1: entries, rounds, threads, sizes. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            int v = Integer.parseInt(s);
            if (v < 1)
                throw new TypeConversionException("'" + s + "' is not a whole number of at least 1");
            return v;
        }
    }

    /** Seconds, more than 0. */
    static final class PositiveSeconds implements ITypeConverter<Double> {
        @Override public Double convert(String s) {
            double v = Double.parseDouble(s);
            if (!(v > 0) || Double.isInfinite(v))
                throw new TypeConversionException("'" + s + "' is not a number of seconds greater than 0");
            return v;
        }
    }

    /** Seconds, 0 or more. */
    static final class Seconds implements ITypeConverter<Double> {
        @Override public Double convert(String s) {
            double v = Double.parseDouble(s);
            if (!(v >= 0) || Double.isInfinite(v))
                throw new TypeConversionException("'" + s + "' is not a number of seconds of 0 or more");
            return v;
        }
    }
}
