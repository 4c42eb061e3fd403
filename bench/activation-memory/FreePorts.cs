using System.Net;
using System.Net.Sockets;

namespace AccountGrains.Bench.ActivationMemory;

/// <summary>Loopback ports the OS says are free now (other silos on this machine may hold Orleans' defaults).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
