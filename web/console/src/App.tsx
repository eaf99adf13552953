export function App() {
  return <h1>LedgerDesk</h1>;
}
