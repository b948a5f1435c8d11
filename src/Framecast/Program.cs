using Framecast.Hosting;

return await FramecastCommandLine.Create().Parse(args).InvokeAsync(FramecastCommandLine.Invocation);

/// <summary>Visible to test hosts.</summary>
public partial class Program;
