namespace MonitoringCenter.Web.Model;

/// <summary>Rates are derived on read from their counts and never stored rounded.</summary>
public static class Rate
{
    /// <summary>A share of a whole; null when the whole is zero ("no data", never 0%).</summary>
    public static decimal? Of(long part, long whole) => whole == 0 ? null : (decimal)part / whole;
}
