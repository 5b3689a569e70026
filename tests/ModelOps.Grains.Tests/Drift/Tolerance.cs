namespace ModelOps.Grains.Tests.Drift;

internal static class Tolerance
{
    /// <summary>Closed forms evaluated in a different order than scipy's: only floating-point rounding separates them.</summary>
    public const double ClosedForm = 1e-9;

    public static void Relative(double expected, double? actual, double relativeTolerance, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected:R}, got a not-computable result.");
        var difference = Math.Abs(actual.Value - expected);
        Assert.True(
            difference <= relativeTolerance * Math.Abs(expected) || (expected == 0 && actual.Value == 0),
            $"{what}: expected {expected:R}, got {actual.Value:R} (relative difference {difference / Math.Abs(expected):E2}, allowed {relativeTolerance:E0}).");
    }

    public static void Absolute(double expected, double? actual, double absoluteTolerance, string what)
    {
        Assert.True(actual is not null, $"{what}: expected {expected:R}, got a not-computable result.");
        Assert.True(
            Math.Abs(actual.Value - expected) <= absoluteTolerance,
            $"{what}: expected {expected:R} ± {absoluteTolerance}, got {actual.Value:R}.");
    }
}
