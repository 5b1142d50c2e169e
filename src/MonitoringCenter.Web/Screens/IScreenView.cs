namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Something screens can join: its key is the SignalR group, and it loads once what its
/// screens show and names its fragments (the same components, with the same parameters, as its
/// page), so the page's first render and every push come from one definition.
/// </summary>
public interface IScreenView
{
    string Key { get; }

    Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken);
}
