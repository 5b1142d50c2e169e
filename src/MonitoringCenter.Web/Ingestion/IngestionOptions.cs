namespace MonitoringCenter.Web.Ingestion;

public sealed class IngestionOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Ingestion";

    /// <summary>
    /// Secret of the HMAC-SHA256 that turns a source's case id (and event id) into the key
    /// stored in the database, so the same case matches across events without its id being
    /// kept. Changing it makes every stored case unreachable for new events: set it once per
    /// deployment. When empty, a fixed development secret is used and a warning is logged.
    /// </summary>
    public string CaseIdSecret { get; set; } = "";

    /// <summary>Most events one <c>POST /api/v1/events</c> may carry.</summary>
    public int MaxEventsPerBatch { get; set; } = 1000;

    /// <summary>Largest request body accepted by the ingestion endpoints, in bytes; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second each API key may make on average (token bucket refill).</summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests an API key may make at once before the per-second limit applies (token bucket size).</summary>
    public int Burst { get; set; } = 40;

    /// <summary>The first statistical year events and reports may fall in.</summary>
    public int EarliestYear { get; set; } = 2020;
}
