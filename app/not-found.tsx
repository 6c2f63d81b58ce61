import { NotFoundState } from "@/components/shell/not-found-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <NotFoundState />
    </main>
  );
}
