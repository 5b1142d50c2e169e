using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>
/// Hangfire logs through one provider per process, set by the host configured last. The test
/// process runs many hosts that come and go: a logger asked of a host already disposed would
/// throw inside another host's job server, so it gets a silent one instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private static readonly AspNetCoreLogProvider Silent = new(NullLoggerFactory.Instance);
    private readonly AspNetCoreLogProvider _host = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _host.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.GetLogger(name);
        }
    }
}
