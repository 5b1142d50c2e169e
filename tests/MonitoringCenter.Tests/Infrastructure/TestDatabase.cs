using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Demo;
using MonitoringCenter.Web.Wall;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>
/// A database of its own on the real PostgreSQL that <c>scripts/test</c> starts (or the one
/// MC_DATABASE_URL names), dropped when disposed. Never skipped: no server, no green tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string LocalDefault = "Host=127.0.0.1;Port=5433;Database=monitoring;Username=monitoring;Password=monitoring";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MC_DATABASE_URL") is { Length: > 0 } url ? url : LocalDefault;

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var name = $"mc_test_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"create database \"{name}\"");
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>The application's own service wiring against this database, not started.</summary>
    public WebApplication BuildServices(TimeProvider? time = null) => Build(builder =>
    {
        builder.AddReadModels();
        builder.AddDemo();
        builder.AddNationalWall();
    }, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)));

    /// <summary><see cref="BuildServices"/>, with the database migrated and the reference data written.</summary>
    public async Task<WebApplication> MigratedServicesAsync(TimeProvider? time = null) => await MigratedAsync(BuildServices(time));

    /// <summary>Migrates this database and writes the reference data, for a test that then starts the whole app on it.</summary>
    public async Task MigrateAsync()
    {
        await using var services = await MigratedServicesAsync();
    }

    /// <summary>
    /// A host of the platform and what <paramref name="features"/> adds (settings, then the features'
    /// registrations) on this database, migrated and with the reference data written; not started.
    /// </summary>
    /// <param name="time">The clock, when the test moves it.</param>
    public Task<WebApplication> MigratedHostAsync(Action<WebApplicationBuilder> features, TimeProvider? time = null) =>
        MigratedAsync(Build(features, time));

    private WebApplication Build(Action<WebApplicationBuilder> features, TimeProvider? time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Database:ConnectionString"] = ConnectionString;
        builder.AddPlatform();
        features(builder);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        lock (RunningApp.HostBuildLock)
        {
            return builder.Build();
        }
    }

    private static async Task<WebApplication> MigratedAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await app.Services.GetRequiredService<ReferenceData>().EnsureAsync();
        return app;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        // An autovacuum worker (not ours to terminate) may be in a freshly written database, and on
        // the demo database (a million rows a year) it can take a minute or more: wait it out.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                await admin.ExecuteAsync($"drop database if exists \"{Name}\" with (force)");
                return;
            }
            catch (PostgresException ex) when (DateTime.UtcNow < deadline && ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(500);
            }
        }
    }
}
