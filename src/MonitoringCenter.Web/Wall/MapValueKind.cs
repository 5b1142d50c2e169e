namespace MonitoringCenter.Web.Wall;

/// <summary>How a map indicator's value reads and is classed.</summary>
public enum MapValueKind
{
    /// <summary>The pace status: four colours, no number.</summary>
    Status,

    /// <summary>A rate in percent, higher is better; classed by quintiles of the provinces.</summary>
    Rate,

    /// <summary>A signed difference in percentage points; classed symmetrically around zero.</summary>
    Points,

    /// <summary>A count where more is worse (alerts); fixed classes.</summary>
    Count,
}
