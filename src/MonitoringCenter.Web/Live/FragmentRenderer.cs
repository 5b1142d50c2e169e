using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MonitoringCenter.Web.Live;

/// <summary>
/// Renders a fragment component to HTML outside any request, with the same components the
/// pages use, so a pushed fragment is byte for byte what a fresh page load would show.
/// </summary>
public sealed class FragmentRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly HtmlRenderer _renderer = new(services, loggerFactory);

    public Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
