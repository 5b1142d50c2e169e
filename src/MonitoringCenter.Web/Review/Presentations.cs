using Dapper;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Review;

/// <summary>Who presents to a room, and the wall view the room's screens mirror.</summary>
public sealed record Presentation(string Room, string Presenter, string View, DateTimeOffset StartedAt);

/// <summary>
/// A leader presents to a room: its paired screens mirror the presenter's view (a wall view of the
/// same figures) until the presenter stops, then go back to their playlist or start view. One
/// presenter per room (the row is the lock). Commands travel through <see cref="FleetRelay"/>, so
/// every node's screens follow; a screen loading a page meanwhile is sent to the view by its agent.
/// </summary>
public sealed class Presentations(NpgsqlDataSource dataSource, ScreenRegistry screens, FleetRelay relay, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<Presentation>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Room, string Presenter, string View, DateTime StartedAt)>(new CommandDefinition(
            "select room, presenter, view, started_at from room_presentation order by room", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Presentation(r.Room, r.Presenter, r.View, new DateTimeOffset(DateTime.SpecifyKind(r.StartedAt, DateTimeKind.Utc))))];
    }

    /// <summary>Starts presenting <paramref name="view"/> to <paramref name="room"/>; a readable problem when someone else presents there.</summary>
    public async Task<string?> StartAsync(string presenter, string? room, string view, string? remoteIp, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(room) || (await screens.RoomAsync(room, cancellationToken)).Count == 0)
        {
            return "Chọn một phòng có màn hình đã ghép.";
        }
        var now = time.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var holder = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
                insert into room_presentation (room, presenter, view, started_at, updated_at) values (@room, @presenter, @view, @now, @now)
                on conflict (room) do update set view = excluded.view, updated_at = excluded.updated_at
                    where room_presentation.presenter = excluded.presenter
                returning presenter
                """, new { room, presenter, view, now }, cancellationToken: cancellationToken));
            if (holder is null)
            {
                var other = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                    "select presenter from room_presentation where room = @room", new { room }, cancellationToken: cancellationToken));
                return $"Phòng “{room}” đang được {other} trình chiếu; chờ người đó dừng.";
            }
        }
        await audit.WriteAsync(presenter, "review.present", room, new { view }, remoteIp, cancellationToken: cancellationToken);
        await MirrorAsync(room, view, cancellationToken);
        return null;
    }

    /// <summary>The presenter's view changed: every room they present to follows.</summary>
    public async Task FollowAsync(string presenter, string view, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> rooms;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            rooms = [.. await connection.QueryAsync<string>(new CommandDefinition(
                "update room_presentation set view = @view, updated_at = @now where presenter = @presenter and view <> @view returning room",
                new { presenter, view, now = time.GetUtcNow() }, cancellationToken: cancellationToken))];
        }
        foreach (var room in rooms)
        {
            await MirrorAsync(room, view, cancellationToken);
        }
    }

    /// <summary>Stops presenting to a room (the presenter, or an Admin); its screens go back to their playlist or start view.</summary>
    public async Task<bool> StopAsync(string actor, string room, bool anyone, string? remoteIp, CancellationToken cancellationToken = default)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var stopped = await connection.ExecuteAsync(new CommandDefinition(
                "delete from room_presentation where room = @room and (@anyone or presenter = @actor)",
                new { room, actor, anyone }, cancellationToken: cancellationToken));
            if (stopped == 0)
            {
                return false;
            }
        }
        await audit.WriteAsync(actor, "review.present-stop", room, null, remoteIp, cancellationToken: cancellationToken);
        foreach (var screen in await screens.RoomAsync(room, cancellationToken))
        {
            var playlist = await screens.PlaylistAsync(screen, cancellationToken);
            var back = playlist.FirstOrDefault(i => i.Path != Playlist.FollowAlerts)?.Path ?? await screens.StartViewAsync(screen, cancellationToken) ?? "/wall";
            await relay.NavigateAsync(screen, back, cancellationToken);
        }
        return true;
    }

    private async Task MirrorAsync(string room, string view, CancellationToken cancellationToken)
    {
        foreach (var screen in await screens.RoomAsync(room, cancellationToken))
        {
            await relay.NavigateAsync(screen, view, cancellationToken);
        }
    }
}
