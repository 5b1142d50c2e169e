namespace MonitoringCenter.Web.Ingestion;

/// <summary>One event of a valid batch, as it is stored once its ids are hashed.</summary>
/// <param name="Index">Its position in the batch.</param>
/// <param name="Repeat">An earlier event of the batch has the same id: the first counts, this one is a duplicate.</param>
public sealed record ValidEvent(int Index, string EventId, string CaseId, StoredEvent Event, bool Repeat);
