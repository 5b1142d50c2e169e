namespace MonitoringCenter.Web.Model;

/// <summary>
/// The <see cref="UnitKind"/> numbers as SQL literals, interpolated into statement text: the
/// statements keep the literals their plans were measured with. A statement that takes the kind
/// as a parameter passes <c>(short)UnitKind</c> instead.
/// </summary>
public static class UnitKindSql
{
    public const string Nation = "0";

    public const string Province = "1";

    public const string Office = "2";
}
