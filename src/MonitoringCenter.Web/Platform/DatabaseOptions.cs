namespace MonitoringCenter.Web.Platform;

public sealed class DatabaseOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Database";

    /// <summary>
    /// The Npgsql connection string. The scripts set it from MC_DATABASE_URL or from the local
    /// cluster they start; several hosts may be listed for read replicas.
    /// </summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5433;Database=monitoring;Username=monitoring;Password=monitoring";

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
