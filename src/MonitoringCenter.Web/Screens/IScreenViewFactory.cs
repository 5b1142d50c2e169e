namespace MonitoringCenter.Web.Screens;

/// <summary>A feature's reader of view keys; each feature with live screens registers one.</summary>
public interface IScreenViewFactory
{
    /// <summary>The view a key names; null when the key is not this feature's.</summary>
    IScreenView? Parse(string key);
}
