using AngleSharp.Dom;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>What a reader sees of a rendered element: its text with the markup's whitespace folded.</summary>
internal static class Fragment
{
    public static string Text(IElement? element) =>
        string.Join(" ", (element?.TextContent ?? throw new Xunit.Sdk.XunitException("element missing"))
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
