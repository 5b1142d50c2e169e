namespace MonitoringCenter.Web.Model;

/// <summary>
/// What a row of <c>kpi_daily</c> counts: its <c>unit_kind</c> column. Statements that must keep
/// the number a literal in their text write it through <see cref="UnitKindSql"/>.
/// </summary>
public enum UnitKind : short
{
    /// <summary>The whole country; its <c>unit_code</c> is empty.</summary>
    Nation = 0,

    Province = 1,

    /// <summary>A regional office (<c>unit_code</c> like "79-03").</summary>
    Office = 2,
}
