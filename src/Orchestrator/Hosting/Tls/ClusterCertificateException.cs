namespace Orchestrator.Hosting.Tls;

/// <summary>A cluster certificate file that cannot be used; the message says what is wrong and how to fix it.</summary>
public sealed class ClusterCertificateException(string message) : Exception(message);
