using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// The signed-in person of an interactive page (a circuit). The session is re-checked every
/// <see cref="AccountOptions.RevalidationInterval"/> and at once when the account changes on any
/// node; when it no longer stands the page sees an anonymous user and sends the browser to sign-in.
/// </summary>
public sealed class SessionAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly SessionValidator _validator;
    private readonly SessionRevocations _revocations;
    private readonly TimeSpan _interval;
    private int _watching;

    public SessionAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionValidator validator, SessionRevocations revocations,
        IOptions<AccountOptions> options)
        : base(loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _validator = validator;
        _revocations = revocations;
        _interval = options.Value.RevalidationInterval;
    }

    /// <summary>
    /// Listen for account changes from now on: called by <see cref="SessionGuard"/> once a page's
    /// circuit runs. A static render (a request of its own) never listens, so a page that changes its
    /// own account's stamp and renders is not ended by its own notice.
    /// </summary>
    public void WatchRevocations()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
        {
            _revocations.Changed += OnChanged;
        }
    }

    protected override TimeSpan RevalidationInterval => _interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return _validator.IsCurrentAsync(authenticationState.User, cancellationToken);
    }

    private void OnChanged(Guid? user) => _ = RecheckAsync(user);

    private async Task RecheckAsync(Guid? user)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (_validator.UserId(state.User) is not { } mine || (user is { } changed && changed != mine))
            {
                return;
            }
            if (!await _validator.IsCurrentAsync(state.User))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The periodic check tries again; a page with no state yet has nothing to end.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _revocations.Changed -= OnChanged;
        }
        base.Dispose(disposing);
    }
}
