using Microsoft.AspNetCore.Components;

namespace MonitoringCenter.Web.Screens;

/// <summary>A part of a screen that is pushed on its own: its element id, component and parameters.</summary>
public sealed record ScreenFragment(string Id, Type Component, IReadOnlyDictionary<string, object?> Parameters)
{
    public static ScreenFragment Of<TComponent>(string id, params (string Name, object? Value)[] parameters) where TComponent : IComponent =>
        new(id, typeof(TComponent), parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
}
