export default function Home() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-3xl font-bold">LLM API 错误处理沙盒</h1>
      <p className="mt-2 text-lg">Lesson 19 sandbox: make the API fail on purpose and watch the service cope.</p>
    </main>
  );
}
