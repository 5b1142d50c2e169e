using MonitoringCenter.Web.Model;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

public static class PlatformExtensions
{
    /// <summary>Database and statistics options, the clock, the one <see cref="NpgsqlDataSource"/>, migrations, reference data, the audit log and its chain.</summary>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        DapperTypes.Register();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required.")
            .ValidateOnStart();
        builder.Services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section)
            .Validate(o => o.DeadlineDays is >= 0 and <= 60, "Reporting:DeadlineDays must be 0..60.").ValidateOnStart();
        builder.Services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section)
            .Validate(o => o.YearStartMonth is >= 1 and <= 12, "Statistics:YearStartMonth must be 1..12.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Statistics:TimeZone is not a known time zone.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            // A wall must answer "database unavailable" quickly rather than hang on a dead server.
            if (!options.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                connection.Timeout = 5;
            }
            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<ReferenceData>();
        builder.Services.AddSingleton<SourceChanges>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddSingleton<Clock>();
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
