namespace MonitoringCenter.Web.Ingestion;

/// <summary>What <see cref="CaseEventValidator"/> made of a batch: its events, or the errors a sender gets back (then nothing is written).</summary>
/// <param name="Errors">Field errors keyed like <c>events[3].amount</c>; empty when the batch is valid.</param>
public sealed record ValidatedBatch(IReadOnlyList<ValidEvent> Events, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
