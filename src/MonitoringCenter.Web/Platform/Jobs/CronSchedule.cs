using Cronos;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>Cron expressions as Hangfire reads them: five fields, or six with seconds first.</summary>
public static class CronSchedule
{
    /// <summary>
    /// "Every <paramref name="interval"/>", aligned to the clock, or null when cron cannot say it:
    /// the interval must divide a minute (in seconds), an hour (in minutes) or a day (in hours).
    /// </summary>
    public static string? Every(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return null;
        }
        var seconds = (long)interval.TotalSeconds;
        return seconds switch
        {
            < 60 when 60 % seconds == 0 => $"*/{seconds} * * * * *",
            < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => $"0 */{seconds / 60} * * * *",
            < 86400 when seconds % 3600 == 0 && 24 % (seconds / 3600) == 0 => $"0 0 */{seconds / 3600} * * *",
            86400 => "0 0 0 * * *",
            _ => null,
        };
    }

    /// <summary>Whether Hangfire accepts <paramref name="expression"/> (its own rule: six parts mean seconds first, "@daily" and the like have one).</summary>
    public static bool IsValid(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }
        var parts = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        if (!expression.StartsWith('@') && parts is not (5 or 6))
        {
            return false;
        }
        return CronExpression.TryParse(expression, parts == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out _);
    }
}
