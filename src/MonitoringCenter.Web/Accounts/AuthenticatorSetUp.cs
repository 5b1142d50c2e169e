namespace MonitoringCenter.Web.Accounts;

/// <summary>What a person types or scans into an authenticator app: the key (grouped for reading) and its otpauth URI.</summary>
public sealed record AuthenticatorSetUp(string Key, string GroupedKey, string Uri);
