namespace MonitoringCenter.Web.Platform;

/// <summary>The failures that mean "the database is unreachable right now", which a screen answers politely.</summary>
public static class DatabaseProblem
{
    public static bool Is(Exception ex) => ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;
}
