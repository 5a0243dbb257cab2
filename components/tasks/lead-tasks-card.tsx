"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { TaskWidget } from "./task-widget";

/** The lead page's tasks card: what the AI proposed, the lead's open tasks and a quick add. */
export function LeadTasksCard({ leadId }: { leadId: string }) {
  const t = useTranslations("tasks.widget");
  return (
    <Card
      title={t("title")}
      actions={
        <Link href="/tasks" className="text-sm text-primary-text hover:underline">
          {t("myTasks")}
        </Link>
      }
    >
      <TaskWidget scope={{ leadId }} title={false} />
    </Card>
  );
}
