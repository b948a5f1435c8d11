using System.Diagnostics;

namespace Framecast.Tests.Support;

/// <summary>How tests start the built executable: <c>dotnet framecast.dll ARGS</c> with every stream redirected.</summary>
public static class FramecastProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Tests run many servers at once: each RTMP listener takes a free port unless a test picks one.
        info.Environment["FRAMECAST__LIVE__RTMPLISTEN"] = "127.0.0.1:0";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "framecast.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }
}
