namespace Gatehouse.Hosting.Time;

/// <summary>
/// The clock every role uses. Normally the system's; with <c>GATEHOUSE_TEST_CLOCK_FILE</c> set, the system's shifted by
/// the number of seconds written in that file, so end-to-end tests cross expiry thresholds without waiting days.
/// </summary>
public static class GatehouseClock
{
    public const string TestClockVariable = "GATEHOUSE_TEST_CLOCK_FILE";

    public static TimeProvider FromEnvironment() =>
        Environment.GetEnvironmentVariable(TestClockVariable) is { Length: > 0 } path ? new OffsetFileTimeProvider(path) : TimeProvider.System;
}
