/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The dev overlay's indicator would cover the dashboard's corner in class.
  devIndicators: false,
  // msw is only used on the server, through getResponse(); keep it out of the bundle graph.
  serverExternalPackages: ['msw'],
};

export default nextConfig;
