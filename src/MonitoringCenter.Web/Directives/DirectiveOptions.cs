namespace MonitoringCenter.Web.Directives;

public sealed class DirectiveOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Directives";

    /// <summary>An open directive due within this many days (today included) counts as due soon.</summary>
    public int DueSoonDays { get; set; } = 3;
}
