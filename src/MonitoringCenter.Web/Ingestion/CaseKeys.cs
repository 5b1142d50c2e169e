using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of the ids that come from source systems. The same id always gives
/// the same key, so events of one case meet, while the database never holds the id itself.
/// </summary>
public sealed partial class CaseKeys
{
    /// <summary>Used when Ingestion:CaseIdSecret is empty: fine on a laptop, never in production.</summary>
    internal const string DevelopmentSecret = "monitoring-center-development-secret-change-me";

    private readonly byte[] _secret;

    public CaseKeys(IOptions<IngestionOptions> options, ILogger<CaseKeys> logger)
    {
        var secret = options.Value.CaseIdSecret;
        if (string.IsNullOrEmpty(secret))
        {
            LogDevelopmentSecret(logger);
            secret = DevelopmentSecret;
        }
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public byte[] Case(string caseId) => Hash("case:", caseId);

    public byte[] Event(string eventId) => Hash("event:", eventId);

    private byte[] Hash(string domain, string id) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(domain + id));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion:CaseIdSecret is not set: case ids are hashed with the development secret. Set it in production.")]
    private static partial void LogDevelopmentSecret(ILogger logger);
}
