using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Renders fragments to HTML outside any request, with the same components the pages use, so a
/// pushed fragment is byte for byte what a fresh page load would show.
/// </summary>
/// <remarks>
/// Each call gets a renderer of its own and disposes it: an <see cref="HtmlRenderer"/> keeps
/// every root component it rendered until it is disposed, so one renderer for the life of the
/// process grew by every pushed version (about 27 KB each) until the wall server ran out of memory.
/// </remarks>
public sealed class FragmentRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<Dictionary<string, string>> RenderAsync(IEnumerable<ScreenFragment> fragments)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var html = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var fragment in fragments)
            {
                var output = await renderer.RenderComponentAsync(fragment.Component, ParameterView.FromDictionary(fragment.Parameters.ToDictionary()));
                html[fragment.Id] = output.ToHtmlString();
            }
            return html;
        });
    }
}
