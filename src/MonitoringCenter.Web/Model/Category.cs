namespace MonitoringCenter.Web.Model;

/// <summary>Case categories tracked separately by the ministry. Stored as smallint.</summary>
public enum Category : short
{
    CorruptionEconomic = 1,
    CreditBanking = 2,
    Administrative = 3,
    OtherCivil = 4,
}

/// <summary>Where a case of a statistical year came from.</summary>
public enum CaseOrigin : short
{
    CarriedOver = 1,
    NewlyAccepted = 2,
}

/// <summary>Whether the case has the conditions for enforcement; null until classified.</summary>
public enum Condition : short
{
    WithConditions = 1,
    WithoutConditions = 2,
}

public enum CaseStatus : short
{
    InProgress = 1,
    Completed = 2,
    Terminated = 3,
    Postponed = 4,
    Suspended = 5,
}
