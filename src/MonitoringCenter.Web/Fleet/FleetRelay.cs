using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// Fleet commands reach a screen whichever node it is connected to: the sending node delivers to its
/// own connections at once and announces the command on PostgreSQL's <c>fleet_command</c> channel;
/// every other node hears it and delivers to its connections (a revoke also closes them). No
/// SignalR backplane to run: PostgreSQL is already the shared store and change feed.
/// </summary>
public sealed partial class FleetRelay(
    IHubContext<ScreenHub, IScreenClient> hub, ScreenConnections connections, NpgsqlDataSource dataSource,
    ILogger<FleetRelay> logger) : INotificationHandler
{
    public const string ChannelName = "fleet_command";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid _node = Guid.NewGuid();

    /// <summary>A command for one screen, as it travels between nodes.</summary>
    public sealed record Command(Guid Node, Guid Screen, string Name, string? Text = null, int Number = 0, bool Flag = false);

    public Task ReloadAsync(Guid screen, CancellationToken cancellationToken = default) =>
        SendAsync(new Command(_node, screen, nameof(IScreenClient.Reload)), cancellationToken);

    public Task NavigateAsync(Guid screen, string path, CancellationToken cancellationToken = default) =>
        SendAsync(new Command(_node, screen, nameof(IScreenClient.Navigate), path), cancellationToken);

    public Task IdentifyAsync(Guid screen, string name, int seconds, CancellationToken cancellationToken = default) =>
        SendAsync(new Command(_node, screen, nameof(IScreenClient.Identify), name, seconds), cancellationToken);

    public Task SetDimmedAsync(Guid screen, bool dimmed, CancellationToken cancellationToken = default) =>
        SendAsync(new Command(_node, screen, nameof(IScreenClient.SetDimmed), Flag: dimmed), cancellationToken);

    public Task RevokedAsync(Guid screen, CancellationToken cancellationToken = default) =>
        SendAsync(new Command(_node, screen, nameof(IScreenClient.Revoked)), cancellationToken);

    private async Task SendAsync(Command command, CancellationToken cancellationToken)
    {
        await DeliverAsync(command);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, @payload)",
            new { channel = ChannelName, payload = JsonSerializer.Serialize(command, Json) }, cancellationToken: cancellationToken));
    }

    private async Task DeliverAsync(Command command)
    {
        var client = hub.Clients.Group(ScreenHub.Group(command.Screen));
        switch (command.Name)
        {
            case nameof(IScreenClient.Reload):
                await client.Reload();
                break;
            case nameof(IScreenClient.Navigate) when ScreenPaths.IsView(command.Text):
                await client.Navigate(command.Text!);
                break;
            case nameof(IScreenClient.Identify):
                await client.Identify(command.Text ?? "", command.Number);
                break;
            case nameof(IScreenClient.SetDimmed):
                await client.SetDimmed(command.Flag);
                break;
            case nameof(IScreenClient.Revoked):
                await client.Revoked();
                connections.Close(command.Screen);
                break;
        }
    }

    public string Channel => ChannelName;

    // Commands sent by other nodes while this node's LISTEN connection was down are lost: a screen's
    // state (revoked, playlist) is in the database and applies at its next load.
    public void Reconnected()
    {
    }

    public void Heard(string payload) => _ = HeardAsync(payload);

    private async Task HeardAsync(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<Command>(payload, Json) is { } command && command.Node != _node)
            {
                await DeliverAsync(command);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException)
        {
            LogBadCommand(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A fleet command could not be delivered: {Reason}")]
    private static partial void LogBadCommand(ILogger logger, string reason);
}
