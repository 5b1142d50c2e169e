namespace MonitoringCenter.Web.Screens;

/// <summary>Reads the view key a screen sends, asking each feature's <see cref="IScreenViewFactory"/>.</summary>
public sealed class ScreenViewCatalog(IEnumerable<IScreenViewFactory> factories)
{
    private readonly IScreenViewFactory[] _factories = [.. factories];

    /// <summary>The view a key names; null when no feature knows it.</summary>
    public IScreenView? Parse(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }
        foreach (var factory in _factories)
        {
            // Only a canonical key (what the view's own Key writes) names a view: another spelling
            // of it would be a second group for the same screens, missed by its pushes.
            if (factory.Parse(key) is { } view)
            {
                return view.Key == key ? view : null;
            }
        }
        return null;
    }
}
